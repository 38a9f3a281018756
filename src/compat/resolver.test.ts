import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allModels } from '../catalog/index.js';
import { findVerdict, upsertVerdict } from './knowledge-base.js';
import { resolve } from './resolver.js';
import { seedKb } from './seed.js';
import { pytorchJob, verdict } from './test-fixtures.js';

const kb = seedKb();
const ids = (list: readonly { model: string }[]) => list.map((o) => o.model).sort();

/** What the seed says a PyTorch >=2.1 bf16 job may use, vendor by vendor. */
const BF16_RUNNABLE = [
  'amd-instinct-mi250x',
  'cambricon-mlu370-x8',
  'huawei-ascend-910b2',
  'huawei-ascend-910b3',
  'huawei-ascend-910b4',
  'huawei-ascend-910b4-1',
  'intel-gaudi-2',
  'intel-gaudi-3',
  'nvidia-a100-40gb',
  'nvidia-a100-80gb',
  'nvidia-geforce-rtx-4090',
  'nvidia-h100-sxm',
  'nvidia-h200',
  'nvidia-l40s',
];

describe('resolve', () => {
  test('a PyTorch >=2.1 bf16 job resolves to exactly the models whose verdicts allow it', () => {
    const { options, refused } = resolve(pytorchJob(), kb);
    assert.deepEqual(ids(options), BF16_RUNNABLE);
    assert.equal(options.length + refused.length, allModels().length, 'every catalog model is answered');
    assert.deepEqual(new Set(refused.map((r) => r.model)).size, refused.length);
    for (const vendor of new Set(allModels().map((m) => m.vendor))) {
      const answered = [...options, ...refused].filter(
        (o) => allModels().find((m) => m.id === o.model)?.vendor === vendor,
      );
      assert.ok(answered.length > 0, `${vendor} answered`);
    }
  });

  const cases: { name: string; job: ReturnType<typeof pytorchJob>; model: string; expect: string | RegExp }[] = [
    {
      name: 'no verdict for the version on a vendor build without a stated version',
      job: pytorchJob(),
      model: 'hygon-dcu-k100_ai',
      expect: 'no verdict for pytorch >=2.1 bf16 on DTK (compat: strict)',
    },
    {
      name: 'a bf16 capability that fails is refused with its source',
      job: pytorchJob(),
      model: 'nvidia-tesla-t4',
      expect: /^bf16 fails with pytorch 2\.5\.1 on CUDA 12\.4: No BF16 on Turing/,
    },
    {
      name: 'an unknown capability is named',
      job: pytorchJob(),
      model: 'nvidia-h20',
      expect: 'no verdict for pytorch >=2.1 bf16 on CUDA (bf16 unknown) (compat: strict)',
    },
    {
      name: 'known versions outside the range are named',
      job: pytorchJob({ precision: [] }),
      model: 'moore-threads-mtt-s4000',
      expect: 'no verdict for pytorch >=2.1 on MUSA (known: pytorch 2.0.0 works-with-caveats) (compat: strict)',
    },
  ];
  for (const c of cases) {
    test(`refusal: ${c.name}`, () => {
      const reason = resolve(c.job, kb).refused.find((r) => r.model === c.model)?.reason;
      assert.ok(reason, `${c.model} refused`);
      if (typeof c.expect === 'string') assert.equal(reason, c.expect);
      else assert.match(reason, c.expect);
    });
  }

  test('changing one verdict changes the result', () => {
    const changed = upsertVerdict(kb, verdict('hygon-dcu-k100_ai'));
    const { options } = resolve(pytorchJob(), changed);
    assert.deepEqual(ids(options), [...BF16_RUNNABLE, 'hygon-dcu-k100_ai'].sort());
    const k100 = options.find((o) => o.model === 'hygon-dcu-k100_ai')!;
    assert.equal(k100.status, 'verified');
    assert.equal(k100.stack, 'DTK');
    assert.equal(k100.stackVersion, '24.04');
    assert.equal(k100.frameworkVersion, '2.1.0');
    assert.equal(k100.evidence, 'probe 2026-11-20 on east-dcu/node-0');

    const h100 = findVerdict(kb, {
      model: 'nvidia-h100-sxm',
      stack: 'CUDA',
      stackVersion: '12.4',
      framework: 'pytorch',
      frameworkVersion: '2.5.1',
    })!;
    const failed = upsertVerdict(kb, { ...h100, status: 'fails' });
    assert.ok(!ids(resolve(pytorchJob(), failed).options).includes('nvidia-h100-sxm'));
  });

  test('permissive allows unknown, never fails, and says it is unverified', () => {
    const strict = resolve(pytorchJob(), kb);
    const permissive = resolve(pytorchJob({ compat: 'permissive' }), kb);
    const k100 = permissive.options.find((o) => o.model === 'hygon-dcu-k100_ai')!;
    assert.equal(k100.status, 'unknown');
    assert.equal(k100.explanation, 'unverified (compat: permissive)');
    assert.ok(strict.refused.some((r) => r.model === 'hygon-dcu-k100_ai'));
    assert.deepEqual(ids(permissive.refused), ['huawei-ascend-910a', 'nvidia-tesla-t4', 'nvidia-tesla-v100']);
    assert.ok(permissive.options.length > strict.options.length);
    assert.ok(
      permissive.options.findIndex((o) => o.status === 'unknown') >= strict.options.length,
      'unknown sorts last',
    );
  });

  test('jobs without accelerators resolve to nothing and refuse nothing', () => {
    assert.deepEqual(resolve(pytorchJob({ accelerators: false }), kb), { options: [], refused: [] });
  });

  test('a job that names no framework or precision has nothing to check', () => {
    const job = pytorchJob({ precision: [] });
    delete job.workload.framework;
    const { options, refused } = resolve(job, kb);
    assert.equal(refused.length, 0);
    assert.equal(options.length, allModels().length);
  });

  test('the image comes from the verdict, else the spec map by stack, else by vendor', () => {
    const withImage = upsertVerdict(kb, verdict('hygon-dcu-k100_ai', { image: 'registry.example/dtk-torch:2.1' }));
    const job = pytorchJob({ image: { cuda: 'torch:cuda', huawei: 'torch:npu' } });
    const { options } = resolve(job, withImage);
    const image = (model: string) => options.find((o) => o.model === model)?.image;
    assert.equal(image('nvidia-h100-sxm'), 'torch:cuda');
    assert.equal(image('huawei-ascend-910b3'), 'torch:npu');
    assert.equal(image('hygon-dcu-k100_ai'), 'registry.example/dtk-torch:2.1');
    assert.equal(image('intel-gaudi-3'), undefined);
  });

  test('the newest matching framework version wins; a narrower range picks the older one', () => {
    const newest = resolve(pytorchJob(), kb).options.find((o) => o.model === 'huawei-ascend-910b3')!;
    assert.equal(newest.frameworkVersion, '2.3.1');
    const pinned = resolve(pytorchJob({ version: '<2.2,>=2.1' }), kb).options.find(
      (o) => o.model === 'huawei-ascend-910b3',
    )!;
    assert.equal(pinned.frameworkVersion, '2.1.0');
    assert.equal(pinned.status, 'works-with-caveats');
  });
});
