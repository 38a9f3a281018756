import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getVendor, vendorIds } from '../vendors/registry.js';
import {
  allModels,
  allSources,
  findModel,
  getModel,
  getSource,
  modelKey,
  modelNames,
  modelsOfVendor,
  pricesOf,
} from './index.js';
import { PRICES } from './prices.js';
import type { AcceleratorModel, SourcedField } from './types.js';

const NUMERIC: SourcedField[] = [
  'memoryMiB',
  'memoryBandwidthGBps',
  'fp16Tflops',
  'bf16Tflops',
  'fp32Tflops',
  'int8Tops',
  'interconnectGBps',
  'typicalPerNode',
  'tdpWatts',
];

function value(m: AcceleratorModel, field: SourcedField): unknown {
  return m[field];
}

describe('catalog data', () => {
  test('holds all 41 researched models with unique ids', () => {
    assert.equal(allModels().length, 41);
    assert.equal(new Set(allModels().map((m) => m.id)).size, 41);
  });

  test('every vendor has at least one model, and every model a registered vendor', () => {
    for (const id of vendorIds()) assert.ok(modelsOfVendor(id).length >= 1, id);
    for (const m of allModels()) assert.ok(getVendor(m.vendor), `${m.id}: vendor ${m.vendor}`);
  });

  test('the stack of a model is the stack of its vendor adapter', () => {
    for (const m of allModels()) assert.equal(m.stack, getVendor(m.vendor)?.stack, m.id);
  });

  test('every non-null number has a source id, and every source id exists', () => {
    for (const m of allModels()) {
      for (const field of NUMERIC) {
        const v = value(m, field);
        if (v === null) continue;
        assert.equal(typeof v, 'number', `${m.id}.${field}`);
        const ids = m.sources[field];
        assert.ok(ids && ids.length > 0, `${m.id}.${field} has no source`);
      }
      for (const [field, ids] of Object.entries(m.sources)) {
        for (const id of ids) assert.ok(getSource(id), `${m.id}.${field}: unknown source ${id}`);
      }
    }
  });

  test('sources are cited only for facts that are present', () => {
    for (const m of allModels()) {
      for (const field of Object.keys(m.sources) as SourcedField[]) {
        const v = value(m, field);
        assert.ok(v !== null && !(Array.isArray(v) && v.length === 0), `${m.id}.${field} cited but empty`);
      }
    }
  });

  test('precisions with a known figure are listed, each backed by a source', () => {
    for (const m of allModels()) {
      if (m.fp16Tflops !== null) assert.ok(m.precisions.includes('fp16'), m.id);
      if (m.bf16Tflops !== null) assert.ok(m.precisions.includes('bf16'), m.id);
      if (m.precisions.length > 0) assert.ok((m.sources.precisions ?? []).length > 0, m.id);
    }
    assert.ok(!getModel('nvidia-tesla-v100')?.precisions.includes('bf16'));
    assert.ok(getModel('huawei-ascend-910b3')?.precisions.includes('bf16'));
  });

  test('unknown facts stay null', () => {
    const z100 = getModel('hygon-dcu-z100')!;
    assert.equal(z100.memoryMiB, null);
    assert.equal(z100.fp16Tflops, null);
    assert.equal(getModel('amd-instinct-mi300x')?.bf16Tflops, null);
  });

  test('memory is MiB', () => {
    assert.equal(getModel('nvidia-h100-sxm')?.memoryMiB, 81920);
    assert.equal(getModel('huawei-ascend-910b4')?.memoryMiB, 32768);
    assert.equal(getModel('kunlunxin-p800')?.memoryMiB, 98304);
  });

  test('source list: unique ids, a title each, urls are http(s), dates ISO-like', () => {
    const ids = allSources().map((s) => s.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const s of allSources()) {
      assert.ok(s.title.length > 0, s.id);
      if (s.url !== null) assert.match(s.url, /^https?:\/\/\S+$/, s.id);
      if (s.date !== null) assert.match(s.date, /^\d{4}-\d{2}(-\d{2})?$/, s.id);
    }
  });

  test('prices belong to catalog models and cite known sources', () => {
    for (const [modelId, prices] of Object.entries(PRICES)) {
      assert.ok(getModel(modelId), modelId);
      for (const p of prices) {
        assert.ok(p.usdPerHour > 0, modelId);
        assert.ok(getSource(p.source), `${modelId}: ${p.source}`);
      }
    }
    assert.ok(pricesOf('nvidia-h100-sxm').length > 0);
    assert.deepEqual(pricesOf('hygon-dcu-z100'), []);
  });
});

describe('lookup', () => {
  const cases: [string, string][] = [
    ['H100', 'nvidia-h100-sxm'],
    ['h100-sxm', 'nvidia-h100-sxm'],
    ['nvidia-h100-sxm', 'nvidia-h100-sxm'],
    ['NVIDIA H100', 'nvidia-h100-sxm'],
    ['K100_AI', 'hygon-dcu-k100_ai'],
    ['k100-ai', 'hygon-dcu-k100_ai'],
    ['K100', 'hygon-dcu-k100'],
    ['910B3', 'huawei-ascend-910b3'],
    ['Ascend 910B3', 'huawei-ascend-910b3'],
    ['910b4-1', 'huawei-ascend-910b4-1'],
    ['910B4', 'huawei-ascend-910b4'],
    ['MI300X', 'amd-instinct-mi300x'],
    ['Instinct MI300X', 'amd-instinct-mi300x'],
    ['a100 40gb', 'nvidia-a100-40gb'],
    ['Gaudi 3', 'intel-gaudi-3'],
    ['gaudi2', 'intel-gaudi-2'],
    ['MTT S4000', 'moore-threads-mtt-s4000'],
    ['BI-V150', 'iluvatar-corex-bi-v150'],
    ['C500', 'metax-c500'],
    ['MLU370-X8', 'cambricon-mlu370-x8'],
    ['P800', 'kunlunxin-p800'],
    ['BR100', 'biren-br100'],
    ['S60', 'enflame-s60'],
  ];
  for (const [name, id] of cases) test(`findModel("${name}") → ${id}`, () => assert.equal(findModel(name)?.id, id));

  test('unknown or empty names find nothing', () => {
    assert.equal(findModel('H300'), undefined);
    assert.equal(findModel(''), undefined);
    assert.equal(findModel('  '), undefined);
  });

  test('getModel is exact', () => {
    assert.equal(getModel('nvidia-h100-sxm')?.name, 'H100 SXM (80GB)');
    assert.equal(getModel('H100'), undefined);
  });

  test('no alias of one model is a key of another', () => {
    const owner = new Map<string, string>();
    for (const m of allModels()) {
      for (const alias of m.aliases) {
        const key = modelKey(alias);
        assert.ok(!owner.has(key) || owner.get(key) === m.id, `${alias}: ${owner.get(key)} and ${m.id}`);
        owner.set(key, m.id);
        assert.equal(findModel(alias)?.id, m.id, alias);
      }
    }
  });

  test('modelsOfVendor and modelNames', () => {
    assert.deepEqual(
      modelsOfVendor('huawei').map((m) => m.id),
      [
        'huawei-ascend-910a',
        'huawei-ascend-910b2',
        'huawei-ascend-910b3',
        'huawei-ascend-910b4',
        'huawei-ascend-910b4-1',
        'huawei-ascend-310p',
      ],
    );
    assert.deepEqual(modelsOfVendor('ascend'), []);
    assert.ok(modelNames().includes('nvidia-h100-sxm'));
    assert.ok(modelNames().includes('H100 SXM (80GB)'));
  });
});
