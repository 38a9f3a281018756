import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getModel } from '../../catalog/index.js';
import { allAdapters } from '../registry.js';
import { SmiParseError, type SmiResult, type SmiTool } from '../types.js';
import { cnmon } from './cnmon.js';
import { efsmi } from './efsmi.js';
import * as F from './fixtures.js';
import { hlSmi } from './hl-smi.js';
import { hySmi } from './hy-smi.js';
import { ixsmi } from './ixsmi.js';
import { mthreadsGmi } from './mthreads-gmi.js';
import { mxSmi } from './mx-smi.js';
import { npuSmi } from './npu-smi.js';
import { rocmSmi } from './rocm-smi.js';
import { xpuSmi } from './xpu-smi.js';

function devices(result: SmiResult) {
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  return result.ok
    ? result.devices.map(({ index, model, memoryMiB, healthy }) => ({ index, model, memoryMiB, healthy }))
    : [];
}

type Row = { index: number; model: string; memoryMiB: number; healthy: boolean };

const CASES: [string, SmiTool, string, Row[]][] = [
  [
    'rocm-smi',
    rocmSmi,
    F.ROCM_SMI_JSON,
    [
      { index: 0, model: 'amd-instinct-mi300x', memoryMiB: 196592, healthy: true },
      { index: 1, model: 'amd-instinct-mi300x', memoryMiB: 0, healthy: false },
      { index: 2, model: 'amd-unknown', memoryMiB: 46064, healthy: true },
    ],
  ],
  [
    'hy-smi',
    hySmi,
    F.HY_SMI_JSON,
    [
      { index: 0, model: 'hygon-dcu-k100_ai', memoryMiB: 65520, healthy: true },
      { index: 1, model: 'hygon-dcu-z100l', memoryMiB: 32752, healthy: true },
      { index: 2, model: 'hygon-dcu-k100_ai', memoryMiB: 0, healthy: false },
    ],
  ],
  [
    'npu-smi',
    npuSmi,
    F.NPU_SMI_INFO,
    [
      { index: 0, model: 'huawei-ascend-910b3', memoryMiB: 65536, healthy: true },
      { index: 1, model: 'huawei-ascend-910b3', memoryMiB: 65536, healthy: true },
      { index: 2, model: 'huawei-ascend-910b3', memoryMiB: 65536, healthy: false },
    ],
  ],
  [
    'cnmon',
    cnmon,
    F.CNMON,
    [
      { index: 0, model: 'cambricon-mlu370-x8', memoryMiB: 23374, healthy: true },
      { index: 1, model: 'cambricon-mlu370-x8', memoryMiB: 23374, healthy: false },
    ],
  ],
  [
    'xpu-smi',
    xpuSmi,
    F.XPU_SMI,
    [
      { index: 0, model: 'kunlunxin-p800', memoryMiB: 98304, healthy: true },
      { index: 1, model: 'kunlunxin-p800', memoryMiB: 98304, healthy: false },
    ],
  ],
  [
    'mx-smi',
    mxSmi,
    F.MX_SMI,
    [
      { index: 0, model: 'metax-c500', memoryMiB: 65536, healthy: true },
      { index: 1, model: 'metax-c500', memoryMiB: 0, healthy: false },
    ],
  ],
  [
    'mthreads-gmi',
    mthreadsGmi,
    F.MTHREADS_GMI,
    [
      { index: 0, model: 'moore-threads-mtt-s4000', memoryMiB: 49152, healthy: true },
      { index: 1, model: 'moore-threads-mtt-s4000', memoryMiB: 0, healthy: false },
    ],
  ],
  [
    'ixsmi',
    ixsmi,
    F.IXSMI_CSV,
    [
      { index: 0, model: 'iluvatar-corex-bi-v150', memoryMiB: 32768, healthy: true },
      { index: 1, model: 'iluvatar-corex-bi-v150', memoryMiB: 0, healthy: false },
    ],
  ],
  [
    'efsmi',
    efsmi,
    F.EFSMI,
    [
      { index: 0, model: 'enflame-s60', memoryMiB: 49152, healthy: true },
      { index: 1, model: 'enflame-s60', memoryMiB: 49152, healthy: false },
    ],
  ],
  [
    'hl-smi',
    hlSmi,
    F.HL_SMI_CSV,
    [
      { index: 0, model: 'intel-gaudi-2', memoryMiB: 98304, healthy: true },
      { index: 3, model: 'intel-gaudi-2', memoryMiB: 98304, healthy: true },
      { index: 2, model: 'intel-gaudi-3', memoryMiB: 0, healthy: false },
    ],
  ],
];

const GARBAGE = 'Segmentation fault (core dumped)\nsomething else entirely\n';

describe('SMI readers', () => {
  for (const [name, tool, fixture, expected] of CASES) {
    describe(name, () => {
      test('a node with devices, one in error', () => {
        assert.deepEqual(devices(tool.parse(fixture)), expected);
        for (const d of expected) if (!d.model.endsWith('-unknown')) assert.ok(getModel(d.model), d.model);
      });

      test('empty output is no devices', () => {
        assert.deepEqual(tool.parse(''), { ok: true, devices: [] });
        assert.deepEqual(tool.parse('\n  \n'), { ok: true, devices: [] });
      });

      test('garbage is a typed error, not a throw', () => {
        const r = tool.parse(GARBAGE);
        assert.equal(r.ok, false);
        assert.ok(!r.ok && r.error instanceof SmiParseError);
        assert.equal(!r.ok && r.error.tool, tool.command);
      });

      test('devices carry the vendor of the adapter that runs the tool', () => {
        const adapter = allAdapters.find((a) => a.discovery === tool);
        assert.ok(adapter, `no adapter uses ${name}`);
        const r = tool.parse(fixture);
        for (const d of r.ok ? r.devices : []) assert.equal(d.vendor, adapter.id);
      });
    });
  }

  test('argv each tool runs with', () => {
    assert.deepEqual(rocmSmi.args, ['--showproductname', '--showmeminfo', 'vram', '--json']);
    assert.deepEqual(npuSmi.args, ['info']);
    assert.deepEqual(hlSmi.args, ['--query-aip=module_id,uuid,name,memory.total', '--format=csv,noheader,nounits']);
    assert.deepEqual(ixsmi.args, ['--query-gpu=index,uuid,name,memory.total', '--format=csv,noheader,nounits']);
    for (const tool of [cnmon, xpuSmi, mxSmi, mthreadsGmi, efsmi]) assert.deepEqual(tool.args, []);
  });

  test('every accelerator vendor but biren has a discovery tool', () => {
    const without = allAdapters.filter((a) => !a.discovery).map((a) => a.id);
    assert.deepEqual(without.sort(), ['biren', 'cpu']);
  });

  test('rocm-smi: JSON that is not an object is an error', () => {
    assert.equal(rocmSmi.parse('[1,2]').ok, false);
    assert.equal(rocmSmi.parse('{"card0": 3}').ok, false);
  });

  test('hl-smi: uuid kept, index is the module id', () => {
    const r = hlSmi.parse(F.HL_SMI_CSV);
    assert.equal(r.ok && r.devices[1]?.uuid, '01P0-HL2080A0-15-TNM0B1-20-07-0A');
  });
});
