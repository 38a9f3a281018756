/**
 * The Slurm backend against a real single-node Slurm (scripts/slurm-dev.sh): the shared backend contract, GRES
 * of three vendors, visible devices derived from Slurm's allocation, gangs as one Slurm job, and a controller outage.
 *
 * Skipped, with the reason printed, where Slurm's daemons are not installed or we are not root; with
 * JUNCTION_REQUIRE_SLURM=1 that is a failure instead. The cluster gets its own state directory and ports,
 * so a development cluster on the default ones is left alone.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { backendContract } from '../src/backends/contract.js';
import { delay, nodeCommand } from '../src/backends/contract-harness.js';
import { SlurmUnavailableError } from '../src/backends/slurm/errors.js';
import type { TaskStatus } from '../src/backends/types.js';
import { TERMINAL_TASK_STATES } from '../src/backends/types.js';
import {
  ENV_SCRIPT,
  ENV_THEN_WAIT,
  gang,
  loseTask,
  makeBackend,
  open,
  run,
  SLURM_CONF,
  SLURM_DIR,
  scontrolJob,
  slurmDev,
  slurmEnv,
  whole,
  whySkip,
} from './support/slurm-cluster.js';

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

    test('a job asking for two Hygon DCUs holds them in Slurm and sees DCU-local HIP_VISIBLE_DEVICES', async () => {
      const h = await open();
      try {
        const [node] = await h.backend.nodes();
        assert.ok(node);
        const spec = h.task(node, {
          command: nodeCommand(ENV_THEN_WAIT),
          vendor: 'hygon',
          model: 'hygon-dcu-k100_ai',
          devices: [whole(0, 65536), whole(1, 65536)],
        });
        const { handle } = await h.backend.submit(spec);
        await h.until(spec.taskId, 'running');
        assert.match(await scontrolJob(handle), /GRES=gpu:k100_ai:2\(IDX:4-5\)/);
        assert.equal((await h.until(spec.taskId, 'terminal')).state, 'succeeded');
        const env = JSON.parse(await h.log(spec.taskId)) as Record<string, string>;
        assert.equal(env.HIP_VISIBLE_DEVICES, '0,1');
      } finally {
        await h.dispose();
      }
    });

    test('a gang of two replicas is ONE Slurm job with two tasks, each with its replica and its own DCUs', async () => {
      const h = await open();
      try {
        const [node] = await h.backend.nodes();
        assert.ok(node);
        assert.ok(h.backend.submitGang);
        const tasks = gang(h, node, 2, {
          command: nodeCommand(ENV_THEN_WAIT),
          vendor: 'hygon',
          model: 'hygon-dcu-k100_ai',
          devices: [whole(0, 65536), whole(1, 65536)],
        });
        const { handles } = await h.backend.submitGang(tasks);
        const slurmJobId = handles[0]?.split(':')[0] ?? '';
        assert.deepEqual(handles, [`${slurmJobId}:0`, `${slurmJobId}:1`]);
        for (const t of tasks) await h.until(t.taskId, 'running');
        const job = await scontrolJob(slurmJobId);
        assert.match(job, /NumTasks=2 /);
        assert.match(job, /GRES=gpu:k100_ai:4\(IDX:4-7\)/, "the node's GRES covers both tasks");
        const { stdout } = await run('squeue', ['-h', `--name=junction-gang-${tasks[0]?.taskId}`, '-o', '%i'], {
          env: slurmEnv,
        });
        assert.deepEqual(stdout.trim().split('\n'), [slurmJobId]);

        const seen = [];
        for (const t of tasks) {
          assert.equal((await h.until(t.taskId, 'terminal')).state, 'succeeded');
          const env = JSON.parse(await h.log(t.taskId)) as Record<string, string>;
          assert.equal(env.SLURM_JOB_ID, slurmJobId);
          assert.equal(env.JUNCTION_TASK_ID, t.taskId);
          assert.equal(env.JUNCTION_REPLICA, String(t.replica));
          assert.equal(env.JUNCTION_REPLICAS, '2');
          assert.equal(env.CUDA_VISIBLE_DEVICES, '');
          seen.push(env.HIP_VISIBLE_DEVICES);
        }
        assert.deepEqual(seen, ['0,1', '2,3'], 'each replica sees its own DCUs, numbered per vendor');
      } finally {
        await h.dispose();
      }
    });

    test('cancelling one replica cancels the whole gang, killing a replica that ignores SIGTERM', async () => {
      const h = await open();
      try {
        const [node] = await h.backend.nodes();
        assert.ok(node && h.backend.submitGang);
        const script =
          "if (process.env.JUNCTION_REPLICA === '1') process.on('SIGTERM', () => {}); console.log('ready'); setInterval(() => {}, 1000)";
        const tasks = gang(h, node, 2, { command: nodeCommand(script), gracePeriodSeconds: 1 });
        const { handles } = await h.backend.submitGang(tasks);
        // Each replica's own log says when its SIGTERM handler is in place.
        for (const t of tasks) while (!(await h.log(t.taskId)).includes('ready')) await delay(50);
        const started = performance.now();
        await h.backend.cancel(tasks[0]?.taskId ?? '');
        const ends = [];
        for (const t of tasks) ends.push(await h.until(t.taskId, 'terminal'));
        assert.deepEqual(
          ends.map((e) => e.state),
          ['cancelled', 'cancelled'],
        );
        assert.match(ends[1]?.message ?? '', /killed after the grace period/, 'the replica ignoring SIGTERM');
        assert.ok(performance.now() - started < 8000);
        // The tasks report their end before slurmctld has recorded the job's: give it a moment.
        const slurmJob = handles[0]?.split(':')[0] ?? '';
        const deadline = performance.now() + 10_000;
        let state: string | undefined;
        for (;;) {
          state = /JobState=(\S+)/.exec(await scontrolJob(slurmJob))?.[1];
          if ((state && !['RUNNING', 'PENDING'].includes(state)) || performance.now() > deadline) break;
          await delay(200);
        }
        assert.ok(state && !['RUNNING', 'PENDING'].includes(state), `the Slurm job ended (${state})`);
      } finally {
        await h.dispose();
      }
    });

    test('a replica that exits non-zero reports its own exit code, also after a reattach', async () => {
      const h = await open();
      try {
        const [node] = await h.backend.nodes();
        assert.ok(node && h.backend.submitGang);
        const script =
          "console.log('replica', process.env.JUNCTION_REPLICA); process.exitCode = Number(process.env.JUNCTION_REPLICA) * 3";
        const tasks = gang(h, node, 2, { command: nodeCommand(script) });
        const { handles } = await h.backend.submitGang(tasks);
        const [r0, r1] = tasks;
        assert.ok(r0 && r1);
        assert.equal((await h.until(r0.taskId, 'terminal')).state, 'succeeded');
        const failed = await h.until(r1.taskId, 'terminal');
        assert.equal(failed.state, 'failed');
        assert.equal(failed.exitCode, 3);
        assert.equal(await h.log(r1.taskId), 'replica 1\n');

        const again = await makeBackend(h.dataDir);
        const statuses: TaskStatus[] = [];
        again.watch((s) => statuses.push(s));
        try {
          await again.reattach(r1, handles[1] ?? '');
          while (!statuses.some((s) => TERMINAL_TASK_STATES.has(s.state))) await delay(50);
          assert.deepEqual(
            statuses.map((s) => [s.state, s.exitCode]),
            [['failed', 3]],
          );
        } finally {
          await again.close();
        }
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
