import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ClusterState } from '../../cluster/state.js';
import type { ReplicaPlacement } from '../../cluster/types.js';
import { createCompatOracle } from '../../compat/oracle.js';
import { seedKb } from '../../compat/seed.js';
import { type CompatOracle, type CycleContext, CycleState, type PendingJob } from '../framework.js';
import { makeJob, makeNode } from '../testing.js';
import { COMPAT_KEY, type CompatCache, compatibility, predictedThroughput } from './compatibility.js';

const cluster = new ClusterState([
  makeNode('nv-0', 'nvidia', 'nvidia-h100-sxm', 8),
  makeNode('a100-0', 'nvidia', 'nvidia-a100-80gb', 8),
  makeNode('t4-0', 'nvidia', 'nvidia-tesla-t4', 4),
  makeNode('hy-0', 'hygon', 'hygon-dcu-k100_ai', 8),
  makeNode('asc-0', 'huawei', 'huawei-ascend-910b3', 8),
  makeNode('odd-0', 'acme', 'acme-x1', 1),
  makeNode('cpu-0', 'none', 'none', 0),
]);
const oracle = createCompatOracle(seedKb());

function pytorchJob(id: string, precision: string[], compat: 'strict' | 'permissive' = 'strict'): PendingJob {
  const job = makeJob(id);
  return {
    ...job,
    spec: {
      ...job.spec,
      workload: { ...job.spec.workload, framework: { name: 'pytorch', version: '>=2.1' }, precision, compat },
    },
  };
}

function ctx(): CycleContext {
  return { now: 0, cluster, cycle: new CycleState() };
}

function placement(node: string, model: string | null): ReplicaPlacement {
  return {
    replica: 0,
    site: 'site-a',
    node,
    cpuMillis: 1000,
    memoryMiB: 1024,
    vendor: model ? 'v' : null,
    model,
    devices: [],
  };
}

describe('compatibility filter', () => {
  const bf16 = pytorchJob('bf16', ['bf16']);
  const cases: { node: string; job: PendingJob; code: string; reason?: string | RegExp }[] = [
    { node: 'nv-0', job: bf16, code: 'success' },
    { node: 'asc-0', job: bf16, code: 'success' },
    {
      node: 'hy-0',
      job: bf16,
      code: 'unresolvable',
      reason: 'hygon-dcu-k100_ai: no verdict for pytorch >=2.1 bf16 on DTK (compat: strict)',
    },
    {
      node: 't4-0',
      job: bf16,
      code: 'unresolvable',
      reason: /^nvidia-tesla-t4: bf16 fails with pytorch 2\.5\.1 on CUDA 12\.4/,
    },
    { node: 'odd-0', job: bf16, code: 'unresolvable', reason: 'acme-x1: no verdict (model not in the catalog)' },
    { node: 'cpu-0', job: bf16, code: 'success' },
    { node: 'hy-0', job: pytorchJob('perm', ['bf16'], 'permissive'), code: 'success' },
    { node: 't4-0', job: pytorchJob('perm', ['bf16'], 'permissive'), code: 'unresolvable' },
    { node: 'hy-0', job: makeJob('plain'), code: 'success' },
  ];
  const plugin = compatibility({ compat: oracle });
  for (const c of cases) {
    test(`${c.job.id} on ${c.node}: ${c.code}`, () => {
      const s = plugin.filter(c.job, cluster.node(c.node)!, ctx());
      assert.equal(s.code, c.code);
      if (c.code !== 'success') assert.equal(s.plugin, 'compatibility');
      if (typeof c.reason === 'string') assert.equal(s.reason, c.reason);
      else if (c.reason) assert.match(s.reason, c.reason);
    });
  }

  test('without an oracle every node passes', () => {
    assert.equal(compatibility({}).filter(bf16, cluster.node('hy-0')!, ctx()).code, 'success');
  });

  test('asks the oracle once per job per cycle and keeps the answer in the cycle state', () => {
    let calls = 0;
    const counting: CompatOracle = {
      options(spec) {
        calls++;
        return oracle.options(spec);
      },
    };
    const filter = compatibility({ compat: counting });
    const c = ctx();
    for (const name of ['nv-0', 'hy-0', 'asc-0']) filter.filter(bf16, cluster.node(name)!, c);
    predictedThroughput({ compat: counting }).score(
      bf16,
      { node: cluster.node('nv-0')!, placement: placement('nv-0', 'nvidia-h100-sxm') },
      c,
    );
    assert.equal(calls, 1);
    assert.ok(c.cycle.read<CompatCache>(COMPAT_KEY)?.has('bf16'));
    filter.filter(bf16, cluster.node('nv-0')!, ctx());
    assert.equal(calls, 2, 'a new cycle asks again');
  });
});

describe('predicted-throughput score', () => {
  const job = pytorchJob('bf16', ['bf16']);
  const plugin = predictedThroughput({ compat: oracle });
  const score = (node: string, model: string | null, p = plugin) =>
    p.score(job, { node: cluster.node(node)!, placement: placement(node, model) }, ctx());

  test('scores follow the predicted throughput, normalised to the best allowed model', () => {
    const h100 = score('nv-0', 'nvidia-h100-sxm');
    const a100 = score('a100-0', 'nvidia-a100-80gb');
    for (const s of [h100, a100]) assert.ok(s > 0 && s <= 100, String(s));
    assert.ok(h100 > a100);
    const max = Math.max(...[...oracle.options(job.spec).allowed.values()].map((o) => o.throughput));
    assert.equal(a100, 100 / max);
  });

  const cases: [node: string, model: string | null, expected: number][] = [
    ['hy-0', 'hygon-dcu-k100_ai', 0],
    ['cpu-0', null, 100],
  ];
  for (const [node, model, expected] of cases) {
    test(`${model ?? 'no device'} scores ${expected}`, () => assert.equal(score(node, model), expected));
  }

  test('without an oracle every placement scores the same', () => {
    const none = predictedThroughput({});
    assert.equal(score('nv-0', 'nvidia-h100-sxm', none), score('hy-0', 'hygon-dcu-k100_ai', none));
  });
});
