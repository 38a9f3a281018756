import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allModels, getModel } from '../catalog/index.js';
import { verdict } from './test-fixtures.js';
import {
  DEFAULT_RELATIVE_THROUGHPUT,
  measuredThroughput,
  predictThroughput,
  priorThroughput,
  REFERENCE_MODEL_ID,
} from './throughput.js';
import type { WorkloadClass } from './types.js';

const model = (id: string) => getModel(id)!;

describe('throughput priors', () => {
  test('the reference device is 1.0 for both classes', () => {
    for (const c of ['training', 'inference'] as const)
      assert.equal(priorThroughput(model(REFERENCE_MODEL_ID), c).value, 1);
  });

  const peaks: { cls: WorkloadClass; peak: (id: string) => number | null }[] = [
    { cls: 'training', peak: (id) => model(id).bf16Tflops ?? model(id).fp16Tflops },
    { cls: 'inference', peak: (id) => model(id).memoryBandwidthGBps },
  ];
  for (const { cls, peak } of peaks) {
    test(`${cls} priors are ordered as the catalog peaks say`, () => {
      const known = allModels().filter((m) => peak(m.id) !== null);
      assert.ok(known.length > 10);
      const byPrior = [...known].sort((a, b) => priorThroughput(a, cls).value - priorThroughput(b, cls).value);
      const byPeak = [...known].sort((a, b) => peak(a.id)! - peak(b.id)!);
      assert.deepEqual(
        byPrior.map((m) => peak(m.id)),
        byPeak.map((m) => peak(m.id)),
      );
      for (const m of known) assert.equal(priorThroughput(m, cls).estimated, true);
    });
  }

  const table: [id: string, cls: WorkloadClass, expected: number][] = [
    ['nvidia-h100-sxm', 'training', 3.171],
    ['nvidia-h200', 'inference', 2.354],
    ['amd-instinct-mi300x', 'training', 4.189],
    ['nvidia-tesla-t4', 'training', 0.209],
    ['nvidia-tesla-t4', 'inference', 0.157],
  ];
  for (const [id, cls, expected] of table) {
    test(`${id} ${cls} prior is ${expected}`, () => assert.equal(priorThroughput(model(id), cls).value, expected));
  }

  test('fp16 jobs use the fp16 peak where the models differ', () => {
    assert.equal(priorThroughput(model('nvidia-tesla-t4'), 'training', ['fp16']).value, 0.209);
    assert.equal(priorThroughput(model('biren-br100'), 'training', ['fp16']).value, 3.282, 'falls back to bf16');
  });

  test('unknown peaks give a conservative, estimated default with a note', () => {
    const t = priorThroughput(model('hygon-dcu-k100_ai'), 'training');
    assert.equal(t.value, DEFAULT_RELATIVE_THROUGHPUT);
    assert.equal(t.estimated, true);
    assert.equal(t.basis, 'default');
    assert.match(t.note, /no published peak/);
    assert.equal(predictThroughput('not-a-model', 'training').basis, 'default');
  });

  test('a measurement wins over the prior', () => {
    const measured = verdict('hygon-dcu-k100_ai', {
      evidence: [
        {
          kind: 'probe',
          title: 'p',
          date: '2026-11-01',
          outcome: 'pass',
          measured: { metric: 'relative-throughput:training', value: 0.5, unit: 'ratio' },
        },
        {
          kind: 'probe',
          title: 'p',
          date: '2026-11-20',
          node: 'n1',
          outcome: 'pass',
          measured: { metric: 'relative-throughput:training', value: 0.61, unit: 'ratio' },
        },
      ],
    });
    const t = predictThroughput('hygon-dcu-k100_ai', 'training', measured);
    assert.deepEqual([t.value, t.estimated, t.basis, t.note], [0.61, false, 'measured', 'measured 2026-11-20 on n1']);
    assert.equal(measuredThroughput(measured, 'inference'), undefined);
    const onVerdict = verdict('nvidia-h100-sxm', {
      relativeThroughput: { value: 2.4, estimated: false, workloadClass: 'training' },
    });
    assert.equal(predictThroughput('nvidia-h100-sxm', 'training', onVerdict).value, 2.4);
  });
});
