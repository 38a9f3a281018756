/**
 * A Backend on a Kubernetes cluster: each task is a Pod or a Job in one namespace, created with the vendor's
 * resource names (./manifests.ts), and followed by listing Junction's pods every `pollIntervalMs`.
 *
 * Statuses: a task is `running` once its pod runs (or is seen ended after running), then ends as the pod ends.
 * A cancelled task ends `cancelled` once its pod has stopped or is gone. A pod that disappears without leaving a
 * final status (deleted by someone else, garbage-collected with its node) is `lost`. Tasks keep running when the
 * backend closes; `reattach` resumes one by its handle, which names the Pod or Job.
 */
import type { KubeConfig, V1Job, V1Pod } from '@kubernetes/client-node';
import type { SiteInfo } from '../../cluster/types.js';
import type { Backend, LogOptions, TaskSpec, TaskState, TaskStatus } from '../types.js';
import { TERMINAL_TASK_STATES } from '../types.js';
import { ClusterApi, isApiStatus, loadKubeConfig } from './cluster-api.js';
import { LogKeeper } from './log-keeper.js';
import { type GangMode, taskManifests, type WorkloadKind } from './manifests.js';
import {
  COMPLETION_INDEX,
  decodeHandle,
  encodeHandle,
  LABEL,
  labelValue,
  MANAGED_BY,
  objectName,
  type TaskTarget,
} from './names.js';
import { nodeInfo } from './node-info.js';
import { type Observation, observeJobWithoutPod, observePod } from './pod-status.js';

export interface KubernetesBackendOptions {
  site: SiteInfo;
  namespace: string;
  /** A KubeConfig, a kubeconfig path, or absent for $KUBECONFIG, ~/.kube/config, then the in-cluster account. */
  kubeConfig?: KubeConfig | string;
  /** How a gang (replicas > 1) runs: a Volcano PodGroup (the cluster runs Volcano) or an indexed Job. */
  gang?: GangMode;
  /** What one replica runs as. Default `pod`. */
  workload?: WorkloadKind;
  /** Image for tasks whose spec names none; without it such a task is refused at submit. */
  defaultImage?: string;
  volcanoQueue?: string;
  /** Default 2000. */
  pollIntervalMs?: number;
  /** A failed poll of the API server; the backend keeps polling. Default: a process warning. */
  onError?: (error: unknown) => void;
}

interface Tracked {
  target: TaskTarget;
  reported: TaskState | null;
  cancelRequested: boolean;
  /** The poll round that started after tracking began; earlier rounds may predate the object. */
  firstRound: number;
}

export async function createKubernetesBackend(options: KubernetesBackendOptions): Promise<Backend> {
  return new KubernetesBackend(options);
}

class KubernetesBackend implements Backend {
  readonly site: SiteInfo;
  readonly #options: KubernetesBackendOptions;
  readonly #api: ClusterApi;
  readonly #selector: string;
  readonly #tasks = new Map<string, Tracked>();
  readonly #listeners = new Set<(status: TaskStatus) => void>();
  readonly #kept: LogKeeper;
  readonly #onError: (error: unknown) => void;
  #round = 0;
  #timer: NodeJS.Timeout | undefined;
  #polling: Promise<void> | undefined;
  #closed = false;

  constructor(options: KubernetesBackendOptions) {
    this.site = options.site;
    this.#options = options;
    this.#api = new ClusterApi(loadKubeConfig(options.kubeConfig), options.namespace);
    this.#onError = options.onError ?? warn;
    this.#kept = new LogKeeper(1 << 20, this.#onError);
    this.#selector = `${LABEL.managedBy}=${MANAGED_BY},${LABEL.site}=${labelValue(options.site.name)}`;
  }

  async nodes() {
    return (await this.#api.listNodes()).map((n) => nodeInfo(n, this.site.name));
  }

  async submit(task: TaskSpec): Promise<{ handle: string }> {
    const objects = taskManifests(task, {
      site: this.site.name,
      namespace: this.#options.namespace,
      gang: this.#options.gang ?? 'indexed-job',
      workload: this.#options.workload ?? 'pod',
      defaultImage: this.#options.defaultImage,
      volcanoQueue: this.#options.volcanoQueue,
    });
    // Every object's name comes from the task (or gang attempt) id, so "already exists" is an earlier
    // submit of this same task or a sibling replica that created the gang's shared object.
    if (objects.podGroup) await this.#api.createPodGroup(objects.podGroup);
    if (objects.pod) await this.#api.createPod(objects.pod);
    if (objects.job) await this.#api.createJob(objects.job);
    this.#track(task.taskId, objects.target);
    return { handle: encodeHandle(objects.target) };
  }

  async reattach(task: TaskSpec, handle: string): Promise<void> {
    this.#track(task.taskId, decodeHandle(handle));
  }

  async cancel(taskId: string): Promise<void> {
    const tracked = this.#tasks.get(taskId);
    if (tracked === undefined) {
      // Not followed by this instance: a single-replica task's objects are named after it.
      await this.#api.deletePod(objectName(taskId));
      await this.#api.deleteJob(objectName(taskId));
      return;
    }
    if (tracked.reported !== null && TERMINAL_TASK_STATES.has(tracked.reported)) return;
    const { target } = tracked;
    const first = !tracked.cancelRequested;
    // An indexed Job is the whole gang: deleting it stops every replica this instance follows in it.
    for (const t of this.#tasks.values()) if (t.target.name === target.name) t.cancelRequested = true;
    if (first) {
      try {
        await this.#keepLog(taskId, target);
      } catch (error) {
        // The log is a convenience; the cancel must still happen.
        this.#onError(error);
      }
    }
    if (target.kind === 'pod') await this.#api.deletePod(target.name);
    else await this.#api.deleteJob(target.name);
    this.#schedulePoll(0);
  }

  watch(listener: (status: TaskStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async *logs(taskId: string, options: LogOptions = {}): AsyncIterable<string> {
    if (this.#kept.has(taskId)) {
      const text = await this.#kept.read(taskId);
      if (text !== '') yield text;
      return;
    }
    const target = this.#tasks.get(taskId)?.target ?? { kind: 'pod', name: objectName(taskId) };
    if (!options.follow) {
      const pod = await this.#podOf(target);
      if (pod?.metadata?.name === undefined) return;
      const text = await this.#api.readLog(pod.metadata.name);
      if (text !== '') yield text;
      return;
    }
    const pod = await this.#startedPod(taskId, target, options.signal);
    if (pod === undefined) return;
    let chunks: AsyncIterable<string>;
    try {
      chunks = await this.#api.openLog(pod, options.signal);
    } catch (error) {
      if (isApiStatus(error, 404)) return;
      throw error;
    }
    yield* chunks;
  }

  /** Attaches to the log of a started container before its pod is deleted (./log-keeper.ts says why). */
  async #keepLog(taskId: string, target: TaskTarget): Promise<void> {
    if (this.#kept.has(taskId)) return;
    const pod = await this.#podOf(target);
    const name = pod?.metadata?.name;
    if (pod === undefined || name === undefined || observePod(pod).phase === 'pending') return;
    try {
      this.#kept.keep(taskId, await this.#api.openLog(name));
    } catch (error) {
      // The pod went away (or has not started) between the listing and the log request: nothing to keep.
      if (!isApiStatus(error, 404) && !isApiStatus(error, 400)) throw error;
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#listeners.clear();
    await this.#polling;
  }

  #track(taskId: string, target: TaskTarget): void {
    this.#tasks.set(taskId, { target, reported: null, cancelRequested: false, firstRound: this.#round + 1 });
    this.#schedulePoll(0);
  }

  #schedulePoll(delayMs: number): void {
    if (this.#closed || this.#polling !== undefined) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#polling = this.#poll().finally(() => {
        this.#polling = undefined;
        if (this.#hasOpenTasks()) this.#schedulePoll(this.#options.pollIntervalMs ?? 2000);
      });
    }, delayMs);
  }

  #hasOpenTasks(): boolean {
    for (const t of this.#tasks.values()) if (t.reported === null || !TERMINAL_TASK_STATES.has(t.reported)) return true;
    return false;
  }

  async #poll(): Promise<void> {
    const round = ++this.#round;
    const open = [...this.#tasks.entries()].filter(
      ([, t]) => t.firstRound <= round && (t.reported === null || !TERMINAL_TASK_STATES.has(t.reported)),
    );
    if (open.length === 0) return;
    let pods: V1Pod[];
    let jobs: V1Job[];
    try {
      const needJobs = open.some(([, t]) => t.target.kind !== 'pod');
      [pods, jobs] = await Promise.all([
        this.#api.listPods(this.#selector),
        needJobs ? this.#api.listJobs(this.#selector) : Promise.resolve([]),
      ]);
    } catch (error) {
      this.#onError(error);
      return;
    }
    if (this.#closed) return;
    for (const [taskId, t] of open) this.#apply(taskId, t, observeTarget(t.target, pods, jobs));
  }

  #apply(taskId: string, t: Tracked, seen: Observation | 'gone'): void {
    const ended = seen === 'gone' || seen.phase === 'ended';
    if (ended && t.cancelRequested) {
      this.#emit(taskId, t, { state: 'cancelled', message: 'cancelled' });
      return;
    }
    if (seen === 'gone') {
      const message = `${t.target.kind} ${t.target.name} no longer exists and left no final status`;
      this.#emit(taskId, t, { state: 'lost', message });
      return;
    }
    if (seen.phase === 'pending') return;
    if (t.reported === null && (seen.phase === 'running' || seen.ran)) this.#emit(taskId, t, { state: 'running' });
    if (seen.phase === 'ended') {
      const { state, exitCode, message } = seen;
      this.#emit(taskId, t, { state, exitCode, message });
    }
  }

  #emit(taskId: string, t: Tracked, change: Omit<TaskStatus, 'taskId' | 'at'>): void {
    if (t.reported === change.state) return;
    t.reported = change.state;
    const status: TaskStatus = { taskId, at: Date.now(), state: change.state };
    if (change.exitCode !== undefined) status.exitCode = change.exitCode;
    if (change.message !== undefined) status.message = change.message;
    for (const listener of [...this.#listeners]) listener(status);
  }

  async #podOf(target: TaskTarget): Promise<V1Pod | undefined> {
    const selector = `${this.#selector},${LABEL.object}=${target.name}`;
    return podFor(target, await this.#api.listPods(selector));
  }

  /** Waits until the task's container has started (its log exists) or the task has ended; the pod's name. */
  async #startedPod(taskId: string, target: TaskTarget, signal?: AbortSignal): Promise<string | undefined> {
    while (!signal?.aborted && !this.#closed) {
      const pod = await this.#podOf(target);
      const name = pod?.metadata?.name;
      if (pod !== undefined && name !== undefined) {
        const seen = observePod(pod);
        if (seen.phase === 'running' || (seen.phase === 'ended' && seen.ran)) return name;
        if (seen.phase === 'ended') return undefined;
      }
      const tracked = this.#tasks.get(taskId);
      const ended = tracked?.reported != null && TERMINAL_TASK_STATES.has(tracked.reported);
      // No pod and nothing to wait for: a task this instance does not follow, or one that has ended.
      if (pod === undefined && (tracked === undefined || ended)) return undefined;
      await sleep(Math.min(this.#options.pollIntervalMs ?? 2000, 500), signal);
    }
    return undefined;
  }
}

function observeTarget(target: TaskTarget, pods: V1Pod[], jobs: V1Job[]): Observation | 'gone' {
  const pod = podFor(target, pods);
  if (pod !== undefined) return observePod(pod);
  if (target.kind === 'pod') return 'gone';
  const job = jobs.find((j) => j.metadata?.name === target.name);
  return job === undefined ? 'gone' : observeJobWithoutPod(job);
}

/** The task's pod: by name, or the newest pod of its Job (at its completion index). */
function podFor(target: TaskTarget, pods: V1Pod[]): V1Pod | undefined {
  if (target.kind === 'pod') return pods.find((p) => p.metadata?.name === target.name);
  const mine = pods.filter(
    (p) =>
      p.metadata?.labels?.[LABEL.object] === target.name &&
      (target.kind !== 'indexed-job' || p.metadata?.annotations?.[COMPLETION_INDEX] === String(target.index)),
  );
  const created = (p: V1Pod) => new Date(p.metadata?.creationTimestamp ?? 0).getTime();
  return mine.sort((a, b) => created(b) - created(a))[0];
}

function warn(error: unknown): void {
  process.emitWarning(`kubernetes backend: ${error instanceof Error ? error.message : String(error)}`);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
