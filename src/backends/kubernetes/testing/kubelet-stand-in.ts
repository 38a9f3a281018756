/**
 * Test support: what a kubelet and a vendor's device plugin do with a bound pod, done with a local child process
 * so the backend contract can observe real exit codes, output, signals and timing. The container's image is
 * ignored: the command runs on this machine as if the image were this machine's filesystem.
 *
 * Followed from Kubernetes: env `$(NAME)` expansion (`$$` is a literal `$`), `fieldRef` values, phase
 * Pending → Running → Succeeded/Failed, an unstartable command as `StartError` (exit code 128), graceful
 * termination (SIGTERM, SIGKILL after the grace period), `activeDeadlineSeconds` → Failed/DeadlineExceeded.
 * A device plugin's part: the container gets the vendor's visible-devices variable for the devices its limits ask
 * for, numbered from 0 as inside a container.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { V1Container, V1Pod } from '@kubernetes/client-node';
import { vendors } from '../../../vendors/registry.js';

export class PodRun {
  readonly pod: V1Pod;
  #child: ChildProcess | undefined;
  #output = '';
  readonly #followers = new Set<{ write: (text: string) => void; end: () => void }>();
  #ended = false;
  #deadlineHit = false;
  #timers: NodeJS.Timeout[] = [];
  /** Called when the container has ended (or never started). */
  onEnd: () => void = () => {};

  constructor(pod: V1Pod, nodeName: string) {
    this.pod = pod;
    pod.spec!.nodeName = nodeName;
    pod.status = { phase: 'Pending', containerStatuses: [waiting(pod)] };
  }

  get ended(): boolean {
    return this.#ended;
  }

  get started(): boolean {
    return this.#child !== undefined && this.pod.status?.phase !== 'Pending';
  }

  get output(): string {
    return this.#output;
  }

  start(): void {
    const container = this.pod.spec!.containers[0]!;
    const env = containerEnv(this.pod, container);
    const lookup = (name: string) => env[name];
    const [command = '', ...args] = [...(container.command ?? []), ...(container.args ?? [])].map((a) =>
      expand(a, lookup),
    );
    const child = spawn(command, args, { env, cwd: container.workingDir, stdio: ['ignore', 'pipe', 'pipe'] });
    this.#child = child;
    child.on('spawn', () => {
      const startedAt = new Date();
      this.pod.status = {
        phase: 'Running',
        startTime: startedAt,
        containerStatuses: [{ ...status(container), ready: true, started: true, state: { running: { startedAt } } }],
      };
      const deadline = this.pod.spec?.activeDeadlineSeconds;
      if (deadline !== undefined) {
        this.#timers.push(
          setTimeout(() => {
            this.#deadlineHit = true;
            this.stop();
          }, deadline * 1000),
        );
      }
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (this.pod.status?.phase !== 'Pending') return;
      const message =
        error.code === 'ENOENT'
          ? `exec: "${command}": executable file not found in $PATH`
          : `exec: "${command}": ${error.message}`;
      const terminated = { exitCode: 128, reason: 'StartError', message };
      this.pod.status = { phase: 'Failed', containerStatuses: [{ ...status(container), state: { terminated } }] };
      this.#end();
    });
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (text: string) => {
        this.#output += text;
        for (const f of this.#followers) f.write(text);
      });
    }
    child.on('close', (code, signal) => {
      if (this.#ended) return;
      const exitCode = code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0);
      const terminated = { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', finishedAt: new Date() };
      this.pod.status = {
        ...this.pod.status,
        phase: exitCode === 0 && !this.#deadlineHit ? 'Succeeded' : 'Failed',
        containerStatuses: [{ ...status(container), state: { terminated } }],
      };
      if (this.#deadlineHit) {
        this.pod.status.reason = 'DeadlineExceeded';
        this.pod.status.message = 'Pod was active on the node longer than the specified deadline';
      }
      this.#end();
    });
  }

  /** Graceful termination: SIGTERM, then SIGKILL once the pod's grace period has passed. */
  stop(graceSeconds = this.pod.spec?.terminationGracePeriodSeconds ?? 30): void {
    const child = this.#child;
    if (child === undefined || this.#ended) {
      this.#end();
      return;
    }
    child.kill('SIGTERM');
    this.#timers.push(setTimeout(() => child.kill('SIGKILL'), graceSeconds * 1000));
  }

  /** A node that vanished: the process dies and nothing is recorded. */
  kill(): void {
    this.#child?.kill('SIGKILL');
  }

  /** Output so far, then whatever follows until the container ends. */
  follow(write: (text: string) => void, end: () => void): () => void {
    write(this.#output);
    if (this.#ended) {
      end();
      return () => {};
    }
    const follower = { write, end };
    this.#followers.add(follower);
    return () => this.#followers.delete(follower);
  }

  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    for (const t of this.#timers) clearTimeout(t);
    for (const f of this.#followers) f.end();
    this.#followers.clear();
    this.onEnd();
  }
}

function status(container: V1Container) {
  return { name: container.name, image: container.image ?? '', imageID: '', ready: false, restartCount: 0 };
}

function waiting(pod: V1Pod) {
  return { ...status(pod.spec!.containers[0]!), state: { waiting: { reason: 'ContainerCreating' } } };
}

/** The container's environment as Kubernetes builds it, plus PATH and HOME, which an image would define. */
function containerEnv(pod: V1Pod, container: V1Container): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ['PATH', 'HOME']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  Object.assign(env, devicePluginEnv(container));
  for (const variable of container.env ?? []) {
    if (variable.value !== undefined) env[variable.name] = expand(variable.value, (n) => env[n]);
    const path = variable.valueFrom?.fieldRef?.fieldPath;
    if (path !== undefined) env[variable.name] = fieldValue(pod, path);
  }
  return env;
}

function fieldValue(pod: V1Pod, path: string): string {
  if (path === 'spec.nodeName') return pod.spec?.nodeName ?? '';
  if (path === 'metadata.name') return pod.metadata?.name ?? '';
  const annotation = /^metadata\.annotations\['(.+)'\]$/.exec(path)?.[1];
  if (annotation !== undefined) return pod.metadata?.annotations?.[annotation] ?? '';
  throw new Error(`the stand-in kubelet does not know fieldRef ${path}`);
}

/** Whole devices only: the stand-in has no sharing layer. */
function devicePluginEnv(container: V1Container): Record<string, string> {
  const limits = container.resources?.limits ?? {};
  for (const adapter of vendors) {
    const count = Number(limits[adapter.kubernetesNames().device] ?? 0);
    if (count > 0) {
      const devices = Array.from({ length: count }, (_, index) => ({
        index,
        memoryMiB: 0,
        computePercent: 100,
        whole: true,
      }));
      return adapter.taskEnv(devices);
    }
  }
  return {};
}

/** Kubernetes' expansion of `$(NAME)` (third_party/forked/golang/expansion): `$$` is `$`, unknown names stay. */
export function expand(input: string, lookup: (name: string) => string | undefined): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    const next = input[i + 1];
    if (c === '$' && next === '$') {
      out += '$';
      i++;
    } else if (c === '$' && next === '(') {
      const close = input.indexOf(')', i + 2);
      if (close === -1) {
        out += c;
        continue;
      }
      const name = input.slice(i + 2, close);
      out += lookup(name) ?? `$(${name})`;
      i = close;
    } else {
      out += c;
    }
  }
  return out;
}
