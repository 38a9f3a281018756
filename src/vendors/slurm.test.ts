import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cpu, getVendor, vendors } from './registry.js';
import { VendorRequestError } from './types.js';

const v = (id: string) => getVendor(id)!;

/**
 * Slurm gres.html: gres/gpu sets CUDA_VISIBLE_DEVICES (nvidia_gpu_env) and ROCR_VISIBLE_DEVICES (amd_gpu_env);
 * nothing Slurm sets is read by the other runtimes, so they run with Flags=no_gpu_env and Junction sets theirs.
 */
const SET_BY_SLURM: Record<string, string[]> = {
  nvidia: ['CUDA_VISIBLE_DEVICES'],
  amd: ['ROCR_VISIBLE_DEVICES'],
  iluvatar: ['CUDA_VISIBLE_DEVICES'],
};

describe('slurm conventions', () => {
  for (const a of vendors) {
    test(`${a.id}: gres name gpu, Slurm sets ${SET_BY_SLURM[a.id]?.join(',') ?? 'nothing it reads'}`, () => {
      assert.equal(a.slurm.gresName, 'gpu');
      assert.deepEqual(a.slurm.setBySlurm, SET_BY_SLURM[a.id] ?? []);
      assert.equal(a.slurm.gresFlags, SET_BY_SLURM[a.id] ? a.slurm.gresFlags : 'no_gpu_env');
      assert.equal(a.slurm.shards, SET_BY_SLURM[a.id] !== undefined);
    });
  }

  test('flags name the env Slurm should set (gres.conf Flags)', () => {
    assert.equal(v('nvidia').slurm.gresFlags, 'nvidia_gpu_env');
    assert.equal(v('amd').slurm.gresFlags, 'amd_gpu_env');
    assert.equal(v('iluvatar').slurm.gresFlags, 'nvidia_gpu_env');
  });
});

describe('slurmGres', () => {
  test('gpu:<type>:N with the gres.conf Type= token', () => {
    assert.equal(v('nvidia').slurmGres({ count: 4, model: 'nvidia-h100-sxm' }), 'gpu:h100:4');
    assert.equal(v('hygon').slurmGres({ count: 8, model: 'hygon-dcu-k100_ai' }), 'gpu:k100_ai:8');
    assert.equal(v('huawei').slurmGres({ count: 8, model: 'huawei-ascend-910b3' }), 'gpu:910b3:8');
    assert.equal(v('intel').slurmGres({ count: 2, model: 'intel-gaudi-3' }), 'gpu:gaudi3:2');
    assert.equal(v('amd').slurmGres({ count: 1 }), 'gpu:1');
  });

  test('a share is shards (one shard per percent by default; Type is ignored for shards)', () => {
    assert.equal(v('nvidia').slurmGres({ count: 1, share: { memoryMiB: 8192, computePercent: 25 } }), 'shard:25');
    assert.equal(
      v('amd').slurmGres({ count: 1, share: { memoryMiB: 8192, computePercent: 30 }, shardsPerDevice: 8 }),
      'shard:3',
    );
  });

  test('shards only where Slurm sets the visible variable, and on one device', () => {
    const share = { memoryMiB: 8192, computePercent: 25 };
    assert.throws(() => v('huawei').slurmGres({ count: 1, share }), VendorRequestError);
    assert.throws(() => v('nvidia').slurmGres({ count: 2, share }), VendorRequestError);
    assert.throws(() => v('nvidia').slurmGres({ count: 0 }), VendorRequestError);
  });

  test('cpu: no gres', () => {
    assert.equal(cpu.slurmGres({ count: 0 }), '');
    assert.throws(() => cpu.slurmGres({ count: 1 }), VendorRequestError);
  });
});

describe('slurmTaskEnv', () => {
  test('nvidia: Slurm set CUDA_VISIBLE_DEVICES, Junction adds nothing', () => {
    const r = v('nvidia').slurmTaskEnv({
      env: { CUDA_VISIBLE_DEVICES: '0,1', SLURM_JOB_GPUS: '2,3' },
      devicesConstrained: true,
    });
    assert.deepEqual(r, { ok: true, env: {} });
  });

  test('nvidia: missing CUDA_VISIBLE_DEVICES points at gres.conf flags', () => {
    const r = v('nvidia').slurmTaskEnv({ env: {}, devicesConstrained: false });
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.reason : '', /nvidia_gpu_env/);
  });

  test('huawei: global indices from SLURM_STEP_GPUS without device constraint', () => {
    const r = v('huawei').slurmTaskEnv({
      env: { SLURM_STEP_GPUS: '4,5', SLURM_JOB_GPUS: '4,5,6,7' },
      devicesConstrained: false,
    });
    assert.deepEqual(r, { ok: true, env: { ASCEND_RT_VISIBLE_DEVICES: '4,5' } });
  });

  test('hygon: positions from 0 under cgroup device constraint (gres.html: "/dev/nvidia1" is seen as 0)', () => {
    const r = v('hygon').slurmTaskEnv({ env: { SLURM_JOB_GPUS: '6,7' }, devicesConstrained: true });
    assert.deepEqual(r, { ok: true, env: { HIP_VISIBLE_DEVICES: '0,1' } });
  });

  test('intel: HABANA_VISIBLE_MODULES from the job list', () => {
    const r = v('intel').slurmTaskEnv({ env: { SLURM_JOB_GPUS: '3' }, devicesConstrained: false });
    assert.deepEqual(r, { ok: true, env: { HABANA_VISIBLE_MODULES: '3' } });
  });

  test('no allocation or an unreadable list is a value, not a throw', () => {
    assert.equal(v('metax').slurmTaskEnv({ env: {}, devicesConstrained: false }).ok, false);
    assert.equal(v('metax').slurmTaskEnv({ env: { SLURM_JOB_GPUS: 'gpu0' }, devicesConstrained: false }).ok, false);
  });
});
