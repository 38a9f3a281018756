import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClusterState } from '../../cluster/state.js';
import type { ReplicaPlacement } from '../../cluster/types.js';
import { CycleState, type ScorePlugin } from '../framework.js';
import { makeJob, makeNode } from '../testing.js';
import { createBestFit } from './best-fit.js';
import { createDotProduct } from './dot-product.js';
import { sharePlacement } from './fgd.js';
import { createFragPack } from './frag-pack.js';
import { HAND_MIX, handCluster, typical } from './fragmentation-fixture.js';
import { createRandomScore } from './random-score.js';
import { spread } from './spread.js';

function wholePlacement(node: string, cpuMillis: number, indexes: number[]): ReplicaPlacement {
  return {
    replica: 0,
    site: 'site-a',
    node,
    cpuMillis,
    memoryMiB: 0,
    vendor: 'v',
    model: 'm',
    devices: indexes.map((index) => ({ index, memoryMiB: 1000, computePercent: 100, whole: true })),
  };
}

describe('packing scores on hand-built nodes', () => {
  const cluster = new ClusterState([
    makeNode('four', 'v', 'm', 4, { memoryMiB: 1000, cpuMillis: 64000 }),
    makeNode('eight', 'v', 'm', 8, { memoryMiB: 1000, cpuMillis: 128000 }),
  ]);
  const ctx = { now: 0, cluster, cycle: new CycleState() };
  const job = makeJob('j');
  const four = cluster.node('four')!;
  const eight = cluster.node('eight')!;
  const cases: {
    plugin: ScorePlugin;
    node: typeof four;
    placement: ReplicaPlacement;
    expected: number;
    why: string;
  }[] = [
    {
      plugin: createBestFit(),
      node: four,
      placement: wholePlacement('four', 1000, [0]),
      expected: 56,
      why: '1 − ½·63/128 − ½·3/8 = 0.566',
    },
    {
      plugin: createBestFit(),
      node: eight,
      placement: wholePlacement('eight', 128000, [0, 1, 2, 3, 4, 5, 6, 7]),
      expected: 100,
      why: 'nothing left',
    },
    {
      plugin: spread,
      node: four,
      placement: wholePlacement('four', 1000, [0]),
      expected: 50 * (63 / 64) + 50 * (3 / 4),
      why: 'mean free fraction after',
    },
    {
      plugin: createDotProduct(),
      node: four,
      placement: wholePlacement('four', 1000, [0]),
      expected: 96,
      why: '1 − (0.5·1/128 + 0.5·1/8)/2 = 0.967',
    },
  ];
  for (const c of cases) {
    it(`${c.plugin.name} on ${c.node.info.name}: ${c.expected} (${c.why})`, () => {
      assert.equal(c.plugin.score(job, { node: c.node, placement: c.placement }, ctx), c.expected);
    });
  }

  it('random is a pure function of (seed, job, node) and spreads over [0, 100)', () => {
    const a = createRandomScore(42);
    const placement = wholePlacement('four', 0, [0]);
    const s = a.score(job, { node: four, placement }, ctx);
    assert.equal(createRandomScore(42).score(job, { node: four, placement }, ctx), s);
    assert.notEqual(createRandomScore(43).score(job, { node: four, placement }, ctx), s);
    const many = Array.from({ length: 200 }, (_, i) => a.score(makeJob(`j${i}`), { node: four, placement }, ctx));
    assert.ok(many.every((v) => v >= 0 && v < 100));
    assert.ok(Math.min(...many) < 10 && Math.max(...many) > 90);
  });
});

describe('frag-pack', () => {
  const fixture = handCluster();
  const node = fixture.node('n')!;
  const ctx = { now: 0, cluster: fixture, cycle: new CycleState() };
  const shareJob = makeJob('j', { kind: 'share', count: 1, share: { memoryMiB: 400, computePercent: 40 } });
  shareJob.spec.resources.perReplica.cpuMillis = 4000;

  it('rounds near-equal fragmentation changes together and then takes the fullest device', () => {
    // Δ is −150 on device 1 and −120 on device 0 (see fgd.test.ts): both round to −200.
    const plugin = createFragPack(HAND_MIX);
    assert.equal(plugin.pickShareDevice(shareJob, node, [0, 1]), 1);
  });

  it('with FGD rounding and lowest-index devices it chooses as FGD does', () => {
    const plugin = createFragPack(HAND_MIX, { quantum: 0, tie: 'order', device: 'lowest' });
    assert.equal(plugin.pickShareDevice(shareJob, node, [0, 1]), 0);
  });

  it('scores in [0, 100], higher for a smaller fragmentation increase', () => {
    const plugin = createFragPack(HAND_MIX, { quantum: 0, tie: 'order', device: 'lowest' });
    const s0 = plugin.score(
      shareJob,
      { node, placement: sharePlacement(node, 4000, 0, 0, { memoryMiB: 400, computePercent: 40 }) },
      ctx,
    );
    const s1 = plugin.score(
      shareJob,
      { node, placement: sharePlacement(node, 4000, 0, 1, { memoryMiB: 400, computePercent: 40 }) },
      ctx,
    );
    assert.ok(s0 > s1 && s0 <= 100 && s1 >= 0);
  });
});

describe('frag-pack CPU term: accelerator capacity a node cannot feed with CPU counts as fragments', () => {
  // ρ = (0.5·6000 + 0.5·12000) / (0.5·500 + 0.5·1000) = 12 CPU millis per milli-device (12 cores a device).
  const mix = {
    requests: [
      typical({ kind: 'share', cpuMillis: 6000, shareMemoryMiB: 500, shareComputePercent: 50, weight: 0.5 }),
      typical({ kind: 'whole', count: 1, cpuMillis: 12000, weight: 0.5 }),
    ],
  };
  const cluster = new ClusterState([
    // 12 cores a device: just enough CPU for its devices.
    makeNode('tight', 'v', 'm', 8, { memoryMiB: 1000, cpuMillis: 96000 }),
    // 52 cores a device: CPU to spare.
    makeNode('rich', 'v', 'm', 2, { memoryMiB: 1000, cpuMillis: 104000 }),
  ]);
  const ctx = { now: 0, cluster, cycle: new CycleState() };
  const cpuOnly = makeJob('cpu', { kind: 'none', count: 0 });
  cpuOnly.spec.resources.perReplica.cpuMillis = 12000;
  const heavyShare = makeJob('share', { kind: 'share', count: 1, share: { memoryMiB: 500, computePercent: 50 } });
  heavyShare.spec.resources.perReplica.cpuMillis = 24000;
  const on = (job: typeof cpuOnly, name: string, plugin: ReturnType<typeof createFragPack>) => {
    const node = cluster.node(name)!;
    const per = job.spec.resources.perReplica;
    const placement =
      per.accelerators.kind === 'share'
        ? sharePlacement(node, per.cpuMillis, 0, 0, per.accelerators.share!)
        : wholePlacement(name, per.cpuMillis, []);
    return plugin.score(job, { node, placement }, ctx);
  };
  const cases = [
    {
      why: 'CPU-only work: 12 cores on tight strand one device (Δ −1000); rich strands none',
      job: cpuOnly,
      balance: 1,
      prefer: 'rich',
    },
    {
      why: 'CPU-only work without the term: no fragmentation change anywhere, a tie',
      job: cpuOnly,
      balance: 0,
      prefer: 'tie',
    },
    {
      why: 'a CPU-heavy share (24 cores for half a device) strands 1.5 devices on tight',
      job: heavyShare,
      balance: 1,
      prefer: 'rich',
    },
    {
      why: 'the same share without the term: equal fragmentation change, a tie',
      job: heavyShare,
      balance: 0,
      prefer: 'tie',
    },
  ] as const;
  for (const c of cases) {
    it(`cpuBalance ${c.balance}, prefers ${c.prefer}: ${c.why}`, () => {
      const plugin = createFragPack(mix, { quantum: 200, tie: 'order', device: 'fullest', cpuBalance: c.balance });
      const tight = on(c.job, 'tight', plugin);
      const rich = on(c.job, 'rich', plugin);
      if (c.prefer === 'tie') assert.equal(tight, rich);
      else assert.ok(rich > tight, `rich ${rich} should beat tight ${tight}`);
    });
  }

  it('is on in the defaults', () => {
    const plugin = createFragPack(mix);
    assert.ok(on(cpuOnly, 'rich', plugin) > on(cpuOnly, 'tight', plugin));
  });
});
