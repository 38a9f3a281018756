/**
 * The Slurm backend against a real single-node Slurm (scripts/slurm-dev.sh): the shared backend contract, GRES
 * of three vendors, visible devices derived from Slurm's allocation, and a controller outage.
 *
 * Skipped, with the reason printed, where Slurm's daemons are not installed or we are not root; with
 * JUNCTION_REQUIRE_SLURM=1 that is a failure instead. The cluster gets its own state directory and ports,
 * so a development cluster on the default ones is left alone.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { backendContract } from '../src/backends/contract.js';
import { delay, nodeCommand } from '../src/backends/contract-harness.js';
import { SlurmUnavailableError } from '../src/backends/slurm/errors.js';
import { createSlurmBackend } from '../src/backends/slurm/slurm-backend.js';
import type { Backend, TaskSpec, TaskStatus } from '../src/backends/types.js';
import { TERMINAL_TASK_STATES } from '../src/backends/types.js';
import type { NodeInfo, SiteInfo } from '../src/cluster/types.js';

const run = promisify(execFile);
const SCRIPT = join(import.meta.dirname, '..', 'scripts', 'slurm-dev.sh');
/** Fixed, so a cluster left behind by a crashed run is found (and stopped) by the next one. */
const SLURM_DIR = join(tmpdir(), 'junction-slurm-test');
const SLURM_CONF = join(SLURM_DIR, 'etc', 'slurm.conf');
const clusterEnv = { ...process.env, JUNCTION_SLURM_DIR: SLURM_DIR, JUNCTION_SLURM_PORT: '6917' };
const site: SiteInfo = { name: 'hpc', backend: 'slurm', region: 'local', emulated: false };

function whySkip(): string | undefined {
  const missing = ['/usr/sbin/slurmctld', '/usr/sbin/slurmd', '/usr/sbin/munged', '/usr/bin/sbatch'].filter(
    (path) => !existsSync(path),
  );
  if (missing.length > 0)
    return `Slurm is not installed (missing ${missing.join(', ')}); SLURM_DEV_INSTALL=1 scripts/slurm-dev.sh up installs it`;
  if (process.getuid?.() !== 0) return 'the single-node Slurm cluster needs root (mknod, munged as its own user)';
  return undefined;
}

async function slurmDev(command: 'up' | 'down'): Promise<string> {
  const { stdout } = await run('bash', [SCRIPT, command], { env: clusterEnv, timeout: 120_000 });
  return stdout;
}

function makeBackend(dataDir: string): Promise<Backend> {
  return createSlurmBackend({ site, dataDir, slurmConf: SLURM_CONF, pollIntervalMs: 200 });
}

/** The contract's crash: the wrapper and its task die at once, so no exit status is written. */
async function loseTask(handle: string): Promise<void> {
  const { stdout } = await run('scontrol', ['show', 'job', '-o', handle], { env: { ...process.env, SLURM_CONF } });
  const logPath = /StdOut=(\S+)/.exec(stdout)?.[1];
  assert.ok(logPath, `no StdOut for job ${handle}`);
  const runner = JSON.parse(readFileSync(join(dirname(logPath), 'runner.json'), 'utf8')) as { runnerPid: number };
  process.kill(-runner.runnerPid, 'SIGKILL');
}

/** A backend on its own data directory with a record of what it reported. */
async function open(): Promise<{
  backend: Backend;
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
      counter += 1;
      const jobId = `slurm-${process.pid}-${counter}`;
      return {
        taskId: `${jobId}-r0-a1`,
        jobId,
        replica: 0,
        replicas: 1,
        attempt: 1,
        site: site.name,
        node: node.name,
        env: {},
        vendor: null,
        model: null,
        devices: [],
        cpuMillis: 100,
        memoryMiB: 64,
        gracePeriodSeconds: 2,
        ...overrides,
      };
    },
    async dispose() {
      await backend.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

let counter = 0;
const ENV_SCRIPT = 'console.log(JSON.stringify(process.env))';
const whole = (index: number, memoryMiB: number) => ({ index, memoryMiB, computePercent: 100, whole: true });

const skip = whySkip();
if (skip !== undefined && process.env.JUNCTION_REQUIRE_SLURM) {
  test('Slurm is required (JUNCTION_REQUIRE_SLURM is set)', () => assert.fail(skip));
} else if (skip !== undefined) {
  console.log(`# slurm tests skipped: ${skip}`);
  test('Slurm backend', { skip });
} else {
  before(async () => {
    process.stdout.write(`# ${(await slurmDev('up')).trim().replaceAll('\n', '\n# ')}\n`);
  });
  after(async () => {
    process.stdout.write(`# ${(await slurmDev('down')).trim().replaceAll('\n', '\n# ')}\n`);
    rmSync(SLURM_DIR, { recursive: true, force: true });
  });

  backendContract('slurm', makeBackend, { loseTask });

  describe('slurm backend', () => {
    test('nodes() reports the GRES of three vendors as devices of their catalog models', async () => {
      const h = await open();
      try {
        const [node, ...others] = await h.backend.nodes();
        assert.ok(node);
        assert.equal(others.length, 0);
        assert.match(node.name, /^hpc\//);
        assert.equal(node.cpuMillis, 64_000);
        assert.equal(node.schedulable, true);
        const byModel = new Map<string, number[]>();
        for (const d of node.devices)
          byModel.set(`${d.vendor} ${d.model}`, [...(byModel.get(`${d.vendor} ${d.model}`) ?? []), d.index]);
        assert.deepEqual(Object.fromEntries(byModel), {
          'nvidia nvidia-h100-sxm': [0, 1, 2, 3],
          'hygon hygon-dcu-k100_ai': [0, 1, 2, 3],
          'huawei huawei-ascend-910b3': [0, 1, 2, 3],
        });
        assert.ok(node.devices.every((d) => d.healthy && d.memoryMiB > 0));
      } finally {
        await h.dispose();
      }
    });

    test("Hygon and Ascend tasks get their vendor's variable from Slurm's allocation, renumbered per vendor", async () => {
      const h = await open();
      try {
        const [node] = await h.backend.nodes();
        assert.ok(node);
        const dcu = h.task(node, {
          command: nodeCommand(ENV_SCRIPT),
          vendor: 'hygon',
          model: 'hygon-dcu-k100_ai',
          devices: [whole(0, 65536), whole(1, 65536)],
        });
        const npu = h.task(node, {
          command: nodeCommand(ENV_SCRIPT),
          vendor: 'huawei',
          model: 'huawei-ascend-910b3',
          devices: [whole(0, 65536)],
        });
        await Promise.all([h.backend.submit(dcu), h.backend.submit(npu)]);
        for (const t of [dcu, npu]) assert.equal((await h.until(t.taskId, 'terminal')).state, 'succeeded');
        const dcuEnv = JSON.parse(await h.log(dcu.taskId)) as Record<string, string>;
        assert.equal(dcuEnv.SLURM_JOB_GPUS, '4,5', "Slurm numbers the node's GPUs across types");
        assert.equal(dcuEnv.HIP_VISIBLE_DEVICES, '0,1');
        assert.equal(dcuEnv.CUDA_VISIBLE_DEVICES, '', 'the variable Slurm set for another vendor is hidden');
        assert.equal(dcuEnv.ASCEND_RT_VISIBLE_DEVICES, '');
        assert.equal(dcuEnv.JUNCTION_TASK_ID, dcu.taskId);
        const npuEnv = JSON.parse(await h.log(npu.taskId)) as Record<string, string>;
        assert.equal(npuEnv.SLURM_JOB_GPUS, '8');
        assert.equal(npuEnv.ASCEND_RT_VISIBLE_DEVICES, '0');
        assert.equal(npuEnv.HIP_VISIBLE_DEVICES, '');
      } finally {
        await h.dispose();
      }
    });

    test('a share of an H100 is a Slurm shard with the share limits on top', async () => {
      const h = await open();
      try {
        const [node] = await h.backend.nodes();
        assert.ok(node);
        const spec = h.task(node, {
          command: nodeCommand(ENV_SCRIPT),
          vendor: 'nvidia',
          model: 'nvidia-h100-sxm',
          devices: [{ index: 0, memoryMiB: 20480, computePercent: 30, whole: false }],
        });
        await h.backend.submit(spec);
        assert.equal((await h.until(spec.taskId, 'terminal')).state, 'succeeded');
        const env = JSON.parse(await h.log(spec.taskId)) as Record<string, string>;
        assert.equal(env.SLURM_SHARDS_ON_NODE, '30');
        assert.equal(env.CUDA_VISIBLE_DEVICES, '0');
        assert.equal(env.CUDA_DEVICE_SM_LIMIT, '30');
        assert.equal(env.CUDA_DEVICE_MEMORY_LIMIT_0, '20480m');
      } finally {
        await h.dispose();
      }
    });

    test('reattach to a job id Slurm never knew reports lost', async () => {
      const h = await open();
      try {
        const [node] = await h.backend.nodes();
        assert.ok(node);
        const spec = h.task(node, { command: ['true'] });
        await h.backend.reattach(spec, '987654321');
        const end = await h.until(spec.taskId, 'terminal');
        assert.equal(end.state, 'lost');
        assert.match(end.message ?? '', /no longer knows/);
      } finally {
        await h.dispose();
      }
    });

    test('a controller outage: submit fails cleanly, running work is kept and reconciled when it returns', async () => {
      const h = await open();
      try {
        const [node] = await h.backend.nodes();
        assert.ok(node);
        const long = h.task(node, { command: nodeCommand("setTimeout(() => console.log('done'), 9000)") });
        await h.backend.submit(long);
        await h.until(long.taskId, 'running');
        const pid = Number(readFileSync(join(SLURM_DIR, 'run', 'slurmctld.pid'), 'utf8'));
        process.kill(pid, 'SIGTERM');
        while (existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z'))
          await delay(50);

        const refused = h.task(node, { command: ['true'] });
        await assert.rejects(h.backend.submit(refused), SlurmUnavailableError);
        await assert.rejects(h.backend.nodes(), SlurmUnavailableError);
        await delay(500);
        assert.deepEqual(
          h.statuses.filter((s) => s.taskId === long.taskId).map((s) => s.state),
          ['running'],
          'the running job keeps its state while the controller is away',
        );

        await slurmDev('up');
        const end = await h.until(long.taskId, 'terminal', 30_000);
        assert.equal(end.state, 'succeeded');
        assert.deepEqual(
          h.statuses.filter((s) => s.taskId === long.taskId).map((s) => s.state),
          ['running', 'succeeded'],
        );
        const { stdout } = await run(
          'squeue',
          ['-h', '--states=all', `--name=junction-${refused.taskId}`, '-o', '%i'],
          {
            env: { ...process.env, SLURM_CONF },
          },
        );
        assert.equal(stdout.trim(), '', 'the refused submit started nothing');
        await h.backend.submit(refused);
        assert.equal((await h.until(refused.taskId, 'terminal')).state, 'succeeded');
      } finally {
        await h.dispose();
      }
    });
  });
}
