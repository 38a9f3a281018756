/**
 * A single-node Slurm for the Slurm backend's tests (scripts/slurm-dev.sh, its own state directory
 * and ports) and what those tests need to drive it: backends on their own data directories,
 * task specs, gangs, and a way to lose a task as a crash would.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { delay, testTask } from '../../src/backends/contract-harness.js';
import { createSlurmBackend } from '../../src/backends/slurm/slurm-backend.js';
import type { Backend, TaskSpec, TaskStatus } from '../../src/backends/types.js';
import { TERMINAL_TASK_STATES } from '../../src/backends/types.js';
import type { NodeInfo, SiteInfo } from '../../src/cluster/types.js';

export const run = promisify(execFile);
const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'slurm-dev.sh');
/** Fixed, so a cluster left behind by a crashed run is found (and stopped) by the next one. */
export const SLURM_DIR = join(tmpdir(), 'junction-slurm-test');
export const SLURM_CONF = join(SLURM_DIR, 'etc', 'slurm.conf');
const clusterEnv = { ...process.env, JUNCTION_SLURM_DIR: SLURM_DIR, JUNCTION_SLURM_PORT: '6917' };
const site: SiteInfo = { name: 'hpc', backend: 'slurm', region: 'local', emulated: false };

export function whySkip(): string | undefined {
  const missing = ['/usr/sbin/slurmctld', '/usr/sbin/slurmd', '/usr/sbin/munged', '/usr/bin/sbatch'].filter(
    (path) => !existsSync(path),
  );
  if (missing.length > 0)
    return `Slurm is not installed (missing ${missing.join(', ')}); SLURM_DEV_INSTALL=1 scripts/slurm-dev.sh up installs it`;
  if (process.getuid?.() !== 0) return 'the single-node Slurm cluster needs root (mknod, munged as its own user)';
  return undefined;
}

export async function slurmDev(command: 'up' | 'down'): Promise<string> {
  const { stdout } = await run('bash', [SCRIPT, command], { env: clusterEnv, timeout: 120_000 });
  return stdout;
}

export function makeBackend(dataDir: string): Promise<Backend> {
  return createSlurmBackend({ site, dataDir, slurmConf: SLURM_CONF, pollIntervalMs: 200 });
}

/** The contract's crash: the wrapper and its task die at once, so no exit status is written. */
export async function loseTask(handle: string): Promise<void> {
  const { stdout } = await run('scontrol', ['show', 'job', '-o', handle], { env: { ...process.env, SLURM_CONF } });
  const logPath = /StdOut=(\S+)/.exec(stdout)?.[1];
  assert.ok(logPath, `no StdOut for job ${handle}`);
  // Slurm can report the job RUNNING a moment before the runner has spawned the command and written runner.json.
  const runnerPath = join(dirname(logPath), 'runner.json');
  const deadline = performance.now() + 10_000;
  while (!existsSync(runnerPath)) {
    assert.ok(performance.now() < deadline, `no runner.json for job ${handle} within 10 s`);
    await delay(50);
  }
  const runner = JSON.parse(readFileSync(runnerPath, 'utf8')) as { runnerPid: number };
  process.kill(-runner.runnerPid, 'SIGKILL');
}

/** A backend on its own data directory with a record of what it reported. */
export async function open(): Promise<{
  backend: Backend;
  dataDir: string;
  statuses: TaskStatus[];
  until: (taskId: string, state: 'running' | 'terminal', timeoutMs?: number) => Promise<TaskStatus>;
  log: (taskId: string) => Promise<string>;
  task: (node: NodeInfo, overrides: Partial<TaskSpec> & { command: string[] }) => TaskSpec;
  dispose: () => Promise<void>;
}> {
  const dataDir = await mkdtemp(join(tmpdir(), 'junction-slurm-backend-'));
  const backend = await makeBackend(dataDir);
  const statuses: TaskStatus[] = [];
  backend.watch((s) => statuses.push(s));
  return {
    backend,
    dataDir,
    statuses,
    async until(taskId, state, timeoutMs = 20_000) {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const found = statuses.find(
          (s) => s.taskId === taskId && (state === 'terminal' ? TERMINAL_TASK_STATES.has(s.state) : s.state === state),
        );
        if (found) return found;
        if (performance.now() > deadline)
          throw new Error(`${taskId}: no ${state} status (saw ${JSON.stringify(statuses)})`);
        await delay(50);
      }
    },
    async log(taskId) {
      let text = '';
      for await (const chunk of backend.logs(taskId)) text += chunk;
      return text;
    },
    task(node, overrides) {
      return testTask('slurm', site.name, node.name, { gracePeriodSeconds: 2, ...overrides });
    },
    async dispose() {
      await backend.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const ENV_SCRIPT = 'console.log(JSON.stringify(process.env))';
/** Prints its environment, then stays running long enough for `scontrol show job -d` to show its GRES. */
export const ENV_THEN_WAIT = `${ENV_SCRIPT}; setTimeout(() => {}, 2500)`;
export const slurmEnv = { ...process.env, SLURM_CONF };

export async function scontrolJob(slurmJobId: string): Promise<string> {
  return (await run('scontrol', ['show', 'job', '-d', slurmJobId], { env: slurmEnv })).stdout;
}

/** The replicas of one gang, as the control plane builds them. */
export function gang(
  h: Awaited<ReturnType<typeof open>>,
  node: NodeInfo,
  replicas: number,
  overrides: Partial<TaskSpec> & { command: string[] },
): TaskSpec[] {
  const first = h.task(node, overrides);
  return Array.from({ length: replicas }, (_, replica) => ({
    ...first,
    taskId: `${first.jobId}-r${replica}-a1`,
    replica,
    replicas,
    ...(overrides.devices && { devices: overrides.devices.map((d) => ({ ...d, index: d.index + replica })) }),
  }));
}
export const whole = (index: number, memoryMiB: number) => ({ index, memoryMiB, computePercent: 100, whole: true });
