import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DeviceAllocation } from '../cluster/types.js';
import { JUNCTION_COMPUTE_PERCENT_VAR, JUNCTION_MEMORY_LIMIT_VAR } from './define.js';
import { getVendor, resolveVendorName, vendorIds, vendors } from './registry.js';

const whole = (index: number): DeviceAllocation => ({ index, memoryMiB: 81920, computePercent: 100, whole: true });
const share = (index: number, memoryMiB: number, computePercent: number): DeviceAllocation => ({
  index,
  memoryMiB,
  computePercent,
  whole: false,
});

/** Expected process-level visible-devices variable per vendor. */
const VISIBLE: Record<string, string> = {
  nvidia: 'CUDA_VISIBLE_DEVICES',
  amd: 'HIP_VISIBLE_DEVICES',
  hygon: 'HIP_VISIBLE_DEVICES',
  huawei: 'ASCEND_RT_VISIBLE_DEVICES',
  cambricon: 'MLU_VISIBLE_DEVICES',
  kunlunxin: 'XPU_VISIBLE_DEVICES',
  metax: 'MACA_VISIBLE_DEVICES',
  mthreads: 'MUSA_VISIBLE_DEVICES',
  iluvatar: 'CUDA_VISIBLE_DEVICES',
  enflame: 'TOPS_VISIBLE_DEVICES',
  intel: 'HABANA_VISIBLE_MODULES',
  biren: 'SUPA_VISIBLE_DEVICES',
};

const ENFORCED: Record<string, boolean> = {
  nvidia: true,
  amd: false,
  hygon: true,
  huawei: true,
  cambricon: true,
  kunlunxin: true,
  metax: true,
  mthreads: true,
  iluvatar: true,
  enflame: true,
  intel: false,
  biren: false,
};

describe('vendor registry', () => {
  test('lists exactly the twelve canonical vendors, once each', () => {
    assert.deepEqual(vendorIds().sort(), Object.keys(VISIBLE).sort());
    assert.equal(new Set(vendorIds()).size, vendors.length);
  });

  test('getVendor takes canonical ids only', () => {
    assert.equal(getVendor('huawei')?.id, 'huawei');
    assert.equal(getVendor('ascend'), undefined);
    assert.equal(getVendor('NVIDIA'), undefined);
  });

  const aliasCases: [string, string][] = [
    ['nvidia', 'nvidia'],
    ['NVIDIA', 'nvidia'],
    ['cuda', 'nvidia'],
    ['ascend', 'huawei'],
    ['Ascend', 'huawei'],
    ['npu', 'huawei'],
    ['Huawei Ascend', 'huawei'],
    ['gaudi', 'intel'],
    ['Habana', 'intel'],
    ['moore-threads', 'mthreads'],
    ['MooreThreads', 'mthreads'],
    ['Moore Threads', 'mthreads'],
    ['musa', 'mthreads'],
    ['dcu', 'hygon'],
    ['DCU', 'hygon'],
    ['rocm', 'amd'],
    ['mlu', 'cambricon'],
    ['kunlun', 'kunlunxin'],
    ['xpu', 'kunlunxin'],
    ['corex', 'iluvatar'],
    ['maca', 'metax'],
    ['gcu', 'enflame'],
    ['supa', 'biren'],
    ['  Gaudi ', 'intel'],
  ];
  for (const [name, id] of aliasCases) {
    test(`resolves "${name}" to ${id}`, () => assert.equal(resolveVendorName(name), id));
  }

  test('unknown names do not resolve', () => {
    assert.equal(resolveVendorName('qualcomm'), undefined);
    assert.equal(resolveVendorName(''), undefined);
  });

  test('no alias is claimed by two vendors', () => {
    const owner = new Map<string, string>();
    for (const v of vendors) {
      for (const name of [v.id, ...v.aliases]) {
        const key = name.toLowerCase();
        assert.ok(!owner.has(key) || owner.get(key) === v.id, `${name} claimed by ${owner.get(key)} and ${v.id}`);
        owner.set(key, v.id);
      }
    }
  });
});

describe('taskEnv', () => {
  for (const v of vendors) {
    const variable = VISIBLE[v.id]!;

    test(`${v.id}: whole devices list indices in allocation order, nothing else`, () => {
      assert.deepEqual(v.visibleDevicesVariables, [variable]);
      assert.deepEqual(v.taskEnv([whole(2), whole(3)]), { [variable]: '2,3' });
      assert.deepEqual(v.taskEnv([whole(5), whole(1)]), { [variable]: '5,1' });
      assert.deepEqual(v.taskEnv([]), { [variable]: '' });
    });

    test(`${v.id}: a share adds the vendor-neutral limits`, () => {
      const env = v.taskEnv([share(1, 12288, 30)]);
      assert.equal(env[variable], '1');
      assert.equal(env[JUNCTION_MEMORY_LIMIT_VAR], '12288');
      assert.equal(env[JUNCTION_COMPUTE_PERCENT_VAR], '30');
      assert.equal(v.shareEnforced, ENFORCED[v.id]);
    });

    if (v.id !== 'nvidia') {
      test(`${v.id}: a share sets no process-level limit variable of its own`, () => {
        const env = v.taskEnv([share(1, 12288, 30)]);
        assert.deepEqual(
          Object.keys(env).sort(),
          [JUNCTION_COMPUTE_PERCENT_VAR, JUNCTION_MEMORY_LIMIT_VAR, variable].sort(),
        );
      });
    }
  }

  test('nvidia: a share gets HAMi-core limits indexed by visible position', () => {
    const nvidia = getVendor('nvidia')!;
    assert.deepEqual(nvidia.taskEnv([share(3, 12288, 30)]), {
      CUDA_VISIBLE_DEVICES: '3',
      CUDA_DEVICE_MEMORY_LIMIT_0: '12288m',
      CUDA_DEVICE_SM_LIMIT: '30',
      JUNCTION_DEVICE_MEMORY_LIMIT_MIB: '12288',
      JUNCTION_DEVICE_COMPUTE_PERCENT: '30',
    });
  });

  test('nvidia: several shares get one memory limit per position and the first device compute limit', () => {
    const nvidia = getVendor('nvidia')!;
    assert.deepEqual(nvidia.taskEnv([share(6, 8192, 50), share(2, 4096, 25)]), {
      CUDA_VISIBLE_DEVICES: '6,2',
      CUDA_DEVICE_MEMORY_LIMIT_0: '8192m',
      CUDA_DEVICE_MEMORY_LIMIT_1: '4096m',
      CUDA_DEVICE_SM_LIMIT: '50',
      JUNCTION_DEVICE_MEMORY_LIMIT_MIB: '8192,4096',
      JUNCTION_DEVICE_COMPUTE_PERCENT: '50,25',
    });
  });

  test('nvidia: whole devices carry no limits', () => {
    const env = getVendor('nvidia')!.taskEnv([whole(0)]);
    assert.deepEqual(env, { CUDA_VISIBLE_DEVICES: '0' });
  });

  test('hygon and huawei use their own visible variables for a share', () => {
    assert.deepEqual(getVendor('hygon')!.taskEnv([share(2, 16384, 50)]), {
      HIP_VISIBLE_DEVICES: '2',
      JUNCTION_DEVICE_MEMORY_LIMIT_MIB: '16384',
      JUNCTION_DEVICE_COMPUTE_PERCENT: '50',
    });
    assert.equal(getVendor('huawei')!.taskEnv([whole(4), whole(5)]).ASCEND_RT_VISIBLE_DEVICES, '4,5');
  });
});
