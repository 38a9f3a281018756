import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { DeviceAllocation, NodeInfo, SiteInfo } from '../../cluster/types.js';
import { backendContract } from '../contract.js';
import { loseProcessTask } from '../process/testing.js';
import type { Backend, TaskSpec, TaskStatus } from '../types.js';
import { createEmulatedBackend } from './emulated-backend.js';

const site: SiteInfo = { name: 'emu', backend: 'emulated', region: 'test', emulated: true };

function emulatedNode(name: string, vendor: string, model: string, count: number): NodeInfo {
  return {
    name: `emu/${name}`,
    site: 'emu',
    domains: ['emu'],
    cpuMillis: 64_000,
    memoryMiB: 512 * 1024,
    devices: Array.from({ length: count }, (_, index) => ({ index, vendor, model, memoryMiB: 65536, healthy: true })),
    labels: { 'junction.io/emulated': 'true' },
    schedulable: true,
  };
}

const nodes = [
  emulatedNode('hygon-0', 'hygon', 'hygon-dcu-k100_ai', 8),
  emulatedNode('ascend-0', 'huawei', 'huawei-ascend-910b3', 8),
  emulatedNode('gpu-0', 'nvidia', 'nvidia-h100-sxm', 8),
];

backendContract('emulated', async (dataDir) => createEmulatedBackend({ site, dataDir, nodes, pollIntervalMs: 50 }), {
  loseTask: loseProcessTask,
});

function spec(taskId: string, node: string, vendor: string, devices: DeviceAllocation[]): TaskSpec {
  return {
    taskId,
    jobId: `job-${taskId}`,
    replica: 1,
    replicas: 2,
    attempt: 3,
    site: 'emu',
    node,
    command: [process.execPath, '-e', 'console.log(JSON.stringify(process.env))'],
    env: { USER_VAR: 'kept' },
    vendor,
    model: null,
    devices,
    cpuMillis: 100,
    memoryMiB: 64,
    gracePeriodSeconds: 1,
  };
}

const whole = (index: number): DeviceAllocation => ({ index, memoryMiB: 65536, computePercent: 100, whole: true });

async function runForEnv(backend: Backend, tasks: TaskSpec[]): Promise<Map<string, Record<string, string>>> {
  const ended = new Map<string, TaskStatus>();
  const done = new Promise<void>((resolve) => {
    backend.watch((s) => {
      if (s.state !== 'running') ended.set(s.taskId, s);
      if (ended.size === tasks.length) resolve();
    });
  });
  for (const task of tasks) await backend.submit(task);
  await done;
  const envs = new Map<string, Record<string, string>>();
  for (const task of tasks) {
    assert.equal(ended.get(task.taskId)?.state, 'succeeded', task.taskId);
    let text = '';
    for await (const chunk of backend.logs(task.taskId)) text += chunk;
    envs.set(task.taskId, JSON.parse(text) as Record<string, string>);
  }
  return envs;
}

describe('emulated backend', () => {
  test('tasks get the environment a real node of their vendor gives', async () => {
    const dataDir = await mkdtemp(join(os.tmpdir(), 'junction-emulated-'));
    const backend = createEmulatedBackend({ site, dataDir, nodes, pollIntervalMs: 50 });
    try {
      const share: DeviceAllocation = { index: 0, memoryMiB: 20000, computePercent: 30, whole: false };
      const envs = await runForEnv(backend, [
        spec('hygon', 'emu/hygon-0', 'hygon', [whole(2), whole(3)]),
        spec('ascend', 'emu/ascend-0', 'huawei', [whole(0)]),
        spec('share', 'emu/gpu-0', 'nvidia', [share]),
      ]);
      const hygon = envs.get('hygon') ?? {};
      assert.equal(hygon.HIP_VISIBLE_DEVICES, '2,3');
      assert.equal(hygon.CUDA_VISIBLE_DEVICES, undefined);
      assert.equal(hygon.JUNCTION_EMULATED, '1');
      assert.equal(hygon.USER_VAR, 'kept');
      assert.deepEqual(
        [
          hygon.JUNCTION_JOB_ID,
          hygon.JUNCTION_TASK_ID,
          hygon.JUNCTION_REPLICA,
          hygon.JUNCTION_REPLICAS,
          hygon.JUNCTION_ATTEMPT,
          hygon.JUNCTION_NODE,
          hygon.JUNCTION_SITE,
        ],
        ['job-hygon', 'hygon', '1', '2', '3', 'emu/hygon-0', 'emu'],
      );
      assert.equal(envs.get('ascend')?.ASCEND_RT_VISIBLE_DEVICES, '0');
      const shared = envs.get('share') ?? {};
      assert.equal(shared.CUDA_VISIBLE_DEVICES, '0');
      assert.equal(shared.CUDA_DEVICE_MEMORY_LIMIT_0, '20000m');
      assert.equal(shared.CUDA_DEVICE_SM_LIMIT, '30');
      assert.equal(shared.NODE_OPTIONS, undefined, 'nothing of the control plane leaks beyond PATH, HOME, LANG');
    } finally {
      await backend.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  test('a task for a node or device the site does not have is refused', async () => {
    const backend = createEmulatedBackend({ site, dataDir: '/unused', nodes });
    await assert.rejects(backend.submit(spec('x', 'emu/nope', 'hygon', [whole(0)])), /no node emu\/nope/);
    await assert.rejects(backend.submit(spec('y', 'emu/hygon-0', 'hygon', [whole(8)])), /no hygon device 8/);
    await assert.rejects(backend.submit(spec('z', 'emu/hygon-0', 'nvidia', [whole(0)])), /no nvidia device 0/);
    await backend.close();
  });

  test('nodes are the declared ones, as copies', async () => {
    const backend = createEmulatedBackend({ site, dataDir: '/unused', nodes });
    const seen = await backend.nodes();
    assert.deepEqual(seen, nodes);
    seen[0]?.devices.pop();
    assert.equal((await backend.nodes())[0]?.devices.length, 8);
    await backend.close();
  });
});
