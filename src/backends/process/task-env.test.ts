import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TaskSpec } from '../types.js';
import { buildTaskEnv } from './task-env.js';

const task: TaskSpec = {
  taskId: 'j-r0-a1',
  jobId: 'j',
  replica: 0,
  replicas: 4,
  attempt: 1,
  site: 's',
  node: 's/n0',
  command: ['true'],
  env: { USER_VAR: 'u', HIP_VISIBLE_DEVICES: '0,1,2,3,4,5,6,7', PATH: '/user/bin' },
  vendor: 'hygon',
  model: 'hygon-dcu-k100_ai',
  devices: [
    { index: 2, memoryMiB: 65536, computePercent: 100, whole: true },
    { index: 3, memoryMiB: 65536, computePercent: 100, whole: true },
  ],
  cpuMillis: 1000,
  memoryMiB: 1024,
  gracePeriodSeconds: 10,
};

const hostEnv = { PATH: '/usr/bin', HOME: '/home/j', LANG: 'C.UTF-8', SECRET_TOKEN: 'x', NODE_OPTIONS: '--inspect' };

describe('buildTaskEnv', () => {
  test('layers host basics, user env, vendor devices and JUNCTION_* variables', () => {
    assert.deepEqual(buildTaskEnv(task, { hostEnv, extra: { JUNCTION_EMULATED: '1' } }), {
      PATH: '/user/bin',
      HOME: '/home/j',
      LANG: 'C.UTF-8',
      USER_VAR: 'u',
      HIP_VISIBLE_DEVICES: '2,3',
      JUNCTION_JOB_ID: 'j',
      JUNCTION_TASK_ID: 'j-r0-a1',
      JUNCTION_REPLICA: '0',
      JUNCTION_REPLICAS: '4',
      JUNCTION_ATTEMPT: '1',
      JUNCTION_NODE: 's/n0',
      JUNCTION_SITE: 's',
      JUNCTION_EMULATED: '1',
    });
  });

  test('devices of other vendors on the node are hidden; a CPU-only task sees none', () => {
    const cpuOnly = { ...task, env: {}, vendor: null, model: null, devices: [] };
    const env = buildTaskEnv(cpuOnly, { hostEnv: {}, nodeVendors: ['nvidia', 'nvidia'] });
    assert.equal(env.CUDA_VISIBLE_DEVICES, '');
    assert.equal(env.HIP_VISIBLE_DEVICES, undefined);
    const hygonTask = buildTaskEnv(task, { hostEnv: {}, nodeVendors: ['hygon', 'nvidia'] });
    assert.equal(hygonTask.HIP_VISIBLE_DEVICES, '2,3');
    assert.equal(hygonTask.CUDA_VISIBLE_DEVICES, '');
  });

  test('a share carries the sharing layer variables', () => {
    const share = {
      ...task,
      vendor: 'nvidia',
      devices: [{ index: 1, memoryMiB: 8192, computePercent: 25, whole: false }],
    };
    const env = buildTaskEnv(share, { hostEnv: {} });
    assert.equal(env.CUDA_VISIBLE_DEVICES, '1');
    assert.equal(env.CUDA_DEVICE_MEMORY_LIMIT_0, '8192m');
    assert.equal(env.CUDA_DEVICE_SM_LIMIT, '25');
  });

  test('devices of an unknown vendor are refused', () => {
    assert.throws(() => buildTaskEnv({ ...task, vendor: 'acme' }, { hostEnv: {} }), /unknown vendor "acme"/);
    assert.throws(() => buildTaskEnv({ ...task, vendor: null }, { hostEnv: {} }), /unknown vendor null/);
  });
});
