import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CycleState } from '../framework.js';
import { makeJob } from '../testing.js';
import { createFgd, sharePlacement } from './fgd.js';
import { HAND_MIX, handCluster } from './fragmentation-fixture.js';

describe('fgd (worked by hand on the fixture node: F = 840 before)', () => {
  const cluster = handCluster();
  const node = cluster.node('n')!;
  const ctx = { now: 0, cluster, cycle: new CycleState() };
  const plugin = createFgd(HAND_MIX);
  const shareJob = makeJob('j', { kind: 'share', count: 1, share: { memoryMiB: 400, computePercent: 40 } });
  shareJob.spec.resources.perReplica.cpuMillis = 4000;

  const cases = [
    // Device 1 (500 free): after [1000,100,190,0] with 6 cores, F = 258 + 87 + 516 + 129 = 990; Δ −150.
    { device: 1, score: Math.floor(100 / (1 + Math.exp(0.15))), expected: 46 },
    // Device 0 (idle): after [600,500,190,0] with 6 cores, F = 258 + 57 + 516 + 129 = 960; Δ −120.
    { device: 0, score: Math.floor(100 / (1 + Math.exp(0.12))), expected: 47 },
  ];
  for (const c of cases) {
    it(`scores a 400-milli share on device ${c.device} as ${c.expected}`, () => {
      assert.equal(c.score, c.expected);
      const placement = sharePlacement(node, 4000, 0, c.device, { memoryMiB: 400, computePercent: 40 });
      assert.equal(plugin.score(shareJob, { node, placement }, ctx), c.expected);
    });
  }

  it('picks the device with the best whole-number score, not the best fit by memory', () => {
    assert.equal(plugin.pickShareDevice(shareJob, node, [0, 1]), 0);
  });

  it('takes the lowest index among devices that score the same', () => {
    const fresh = handCluster();
    fresh.release('x');
    const empty = fresh.node('n')!;
    assert.equal(plugin.pickShareDevice(shareJob, empty, [0, 1, 2, 3]), 0);
  });

  it('scores in [0, 100] and repeats itself', () => {
    const placement = sharePlacement(node, 4000, 0, 0, { memoryMiB: 400, computePercent: 40 });
    const a = plugin.score(shareJob, { node, placement }, ctx);
    assert.equal(plugin.score(shareJob, { node, placement }, ctx), a);
    assert.ok(a >= 0 && a <= 100);
  });
});
