/**
 * Trivial-job throughput: N `true` jobs (default 500, JUNCTION_BENCH_SLURM_JOBS) through
 *   1. Junction's local backend (at most as many at once as the Slurm node has CPU slots),
 *   2. the local single-node Slurm, straight from `sbatch` (what a Slurm user gets),
 *   3. Junction's Slurm backend on that same Slurm.
 * Reports jobs completed per second for each and the ratios. Starts and stops its own Slurm cluster with
 * scripts/slurm-dev.sh (own state directory and ports); without Slurm (or root) it says so and measures 1 only.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createLocalBackend } from '../src/backends/local/local-backend.js';
import { createSlurmBackend } from '../src/backends/slurm/slurm-backend.js';
import { type Backend, type TaskSpec, TERMINAL_TASK_STATES } from '../src/backends/types.js';
import type { SiteInfo } from '../src/cluster/types.js';

const run = promisify(execFile);
const SCRIPT = join(import.meta.dirname, '..', 'scripts', 'slurm-dev.sh');
/** Job slots the benchmark cluster advertises; the local backend is held to the same number at once. */
const SLOTS = 64;
const SUBMITTERS = 8;

interface Throughput {
  jobs: number;
  succeeded: number;
  submitSeconds: number;
  totalSeconds: number;
  jobsPerSecond: number;
}

function throughput(jobs: number, succeeded: number, started: number, submitted: number): Throughput {
  const totalSeconds = (performance.now() - started) / 1000;
  return {
    jobs,
    succeeded,
    submitSeconds: round((submitted - started) / 1000),
    totalSeconds: round(totalSeconds),
    jobsPerSecond: round(jobs / totalSeconds),
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Runs `work` for 0..n-1 with at most `limit` in flight. */
async function pool(n: number, limit: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, n) }, async () => {
    while (next < n) await work(next++);
  });
  await Promise.all(workers);
}

function taskSpec(site: string, node: string, i: number): TaskSpec {
  return {
    taskId: `bench-${i}-r0-a1`,
    jobId: `bench-${i}`,
    replica: 0,
    replicas: 1,
    attempt: 1,
    site,
    node,
    command: ['true'],
    env: {},
    vendor: null,
    model: null,
    devices: [],
    cpuMillis: 1000,
    memoryMiB: 64,
    gracePeriodSeconds: 1,
  };
}

/** Submits n `true` tasks (at most `inFlight` unfinished at once) and waits for all of them to end. */
async function throughBackend(backend: Backend, n: number, inFlight: number): Promise<Throughput> {
  const [node] = await backend.nodes();
  if (node === undefined) throw new Error('the backend reports no nodes');
  let succeeded = 0;
  let ended = 0;
  const waiters: (() => void)[] = [];
  backend.watch((s) => {
    if (!TERMINAL_TASK_STATES.has(s.state)) return;
    ended += 1;
    if (s.state === 'succeeded') succeeded += 1;
    waiters.shift()?.();
  });
  const started = performance.now();
  let submittedCount = 0;
  await pool(n, SUBMITTERS, async (i) => {
    while (submittedCount - ended >= inFlight) await new Promise<void>((resolve) => waiters.push(resolve));
    submittedCount += 1;
    await backend.submit(taskSpec(backend.site.name, node.name, i));
  });
  const submitted = performance.now();
  while (ended < n) await new Promise((resolve) => setTimeout(resolve, 20));
  return throughput(n, succeeded, started, submitted);
}

async function straightToSlurm(n: number, env: NodeJS.ProcessEnv, outDir: string): Promise<Throughput> {
  const started = performance.now();
  const ids: string[] = [];
  await pool(n, SUBMITTERS, async (i) => {
    const { stdout } = await run(
      'sbatch',
      [
        '--parsable',
        `--job-name=raw-${i}`,
        '--cpus-per-task=1',
        '--mem=64M',
        `--output=${outDir}/raw-%j.out`,
        '--wrap=true',
      ],
      { env },
    );
    ids.push(stdout.trim().split(';')[0] ?? '');
  });
  const submitted = performance.now();
  let states: string[] = [];
  for (;;) {
    const { stdout } = await run('squeue', ['-h', '--states=all', `--jobs=${ids.join(',')}`, '-o', '%T'], { env });
    states = stdout.split('\n').filter((s) => s !== '');
    if (states.every((s) => ['COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'NODE_FAIL'].includes(s))) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return throughput(n, states.filter((s) => s === 'COMPLETED').length, started, submitted);
}

function whySlurmAbsent(): string | undefined {
  const missing = ['/usr/sbin/slurmctld', '/usr/sbin/slurmd', '/usr/sbin/munged', '/usr/bin/sbatch'].filter(
    (p) => !existsSync(p),
  );
  if (missing.length > 0) return `Slurm is not installed (missing ${missing.join(', ')})`;
  if (process.getuid?.() !== 0) return 'starting the single-node Slurm cluster needs root';
  return undefined;
}

export async function slurmBenchmark(): Promise<Record<string, unknown>> {
  const jobs = Number(process.env.JUNCTION_BENCH_SLURM_JOBS ?? 500);
  const work = await mkdtemp(join(os.tmpdir(), 'junction-bench-slurm-'));
  const machine = { cpus: os.cpus().length, memoryGiB: round(os.totalmem() / 2 ** 30), slots: SLOTS };
  try {
    const localSite: SiteInfo = { name: 'bench-local', backend: 'local', region: 'local', emulated: false };
    const local = await createLocalBackend({
      site: localSite,
      dataDir: join(work, 'local'),
      discover: { runNvidiaSmi: false },
      pollIntervalMs: 50,
    });
    const junctionLocal = await throughBackend(local, jobs, SLOTS).finally(() => local.close());
    console.log(`local backend: ${junctionLocal.jobsPerSecond} jobs/s`);

    const absent = whySlurmAbsent();
    if (absent !== undefined) {
      console.log(`slurm benchmark skipped: ${absent}`);
      return { jobs, machine, slurm: { available: false, reason: absent }, junctionLocal };
    }
    // Outside the private work directory: munged runs as its own user and must reach its files.
    const slurmDir = join(os.tmpdir(), `junction-bench-slurm-${process.pid}`);
    const clusterEnv = {
      ...process.env,
      JUNCTION_SLURM_DIR: slurmDir,
      JUNCTION_SLURM_PORT: '6927',
      JUNCTION_SLURM_CPUS: String(SLOTS),
    };
    const env = { ...process.env, SLURM_CONF: join(slurmDir, 'etc', 'slurm.conf') };
    const up = await run('bash', [SCRIPT, 'up'], { env: clusterEnv });
    process.stdout.write(up.stdout);
    try {
      const slurmSbatch = await straightToSlurm(jobs, env, work);
      console.log(`sbatch straight: ${slurmSbatch.jobsPerSecond} jobs/s`);
      const site: SiteInfo = { name: 'bench-slurm', backend: 'slurm', region: 'local', emulated: false };
      const slurm = await createSlurmBackend({
        site,
        dataDir: join(work, 'slurm'),
        slurmConf: env.SLURM_CONF,
        pollIntervalMs: 250,
      });
      const junctionSlurm = await throughBackend(slurm, jobs, jobs).finally(() => slurm.close());
      console.log(`Junction slurm backend: ${junctionSlurm.jobsPerSecond} jobs/s`);
      return {
        jobs,
        machine,
        slurm: { available: true, version: (await run('sbatch', ['--version'], { env })).stdout.trim() },
        junctionLocal,
        slurmSbatch,
        junctionSlurm,
        ratios: {
          junctionSlurmOverSbatch: round(junctionSlurm.jobsPerSecond / slurmSbatch.jobsPerSecond),
          junctionLocalOverSbatch: round(junctionLocal.jobsPerSecond / slurmSbatch.jobsPerSecond),
          junctionLocalOverJunctionSlurm: round(junctionLocal.jobsPerSecond / junctionSlurm.jobsPerSecond),
        },
      };
    } finally {
      process.stdout.write((await run('bash', [SCRIPT, 'down'], { env: clusterEnv })).stdout);
      await rm(slurmDir, { recursive: true, force: true });
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
