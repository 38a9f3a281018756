import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReplicaResources } from '../../spec/types.js';
import { deviceFreeList, estimateWorkloadMix, nodeFragmentation, type WorkloadMix } from './fragmentation.js';
import { HAND_MIX, handCluster, typical } from './fragmentation-fixture.js';

describe('fragmentation measure (worked by hand)', () => {
  const node = () => handCluster().node('n')!;

  it('reads free milli per device', () => {
    assert.deepEqual(
      deviceFreeList(node()).map((d) => [d.milli, d.idle]),
      [
        [1000, true],
        [500, false],
        [190, false],
        [0, false],
      ],
    );
  });

  it('F = 0.2·1690 + 0.3·190 + 0.4·690 + 0.1·1690 = 840 with 10 free cores', () => {
    // CPU-only: all 1690 idle milli; share 400: fits, the 190 and 0 devices strand 190;
    // one whole device: fits, the partly used devices strand 690; two whole: only one idle, so 1690.
    assert.equal(nodeFragmentation(10000, deviceFreeList(node()), HAND_MIX), 840);
  });

  it('F = 1240 with 6 free cores: the one-device request no longer fits at all', () => {
    assert.equal(nodeFragmentation(6000, deviceFreeList(node()), HAND_MIX), 1240);
  });

  it('is 0 on a node with nothing free', () => {
    assert.equal(nodeFragmentation(10000, [], HAND_MIX), 0);
  });

  it('honours model restrictions: a request for another model sees every free milli as fragment', () => {
    const mix: WorkloadMix = { requests: [typical({ kind: 'whole', count: 1, models: ['T4'], weight: 1 })] };
    assert.equal(nodeFragmentation(10000, deviceFreeList(node()), mix), 1690);
  });
});

describe('estimateWorkloadMix', () => {
  const req = (cpuMillis: number, gpus = 1): ReplicaResources => ({
    cpuMillis,
    memoryMiB: 1,
    accelerators: { kind: 'whole', count: gpus, minMemoryMiB: 0, vendors: [], models: [], topology: 'any' },
  });
  const requests = [...Array(5).fill(req(1000)), ...Array(3).fill(req(2000)), req(3000), req(4000, 8)];

  it('keeps the most frequent shapes until they cover the share asked, renormalised', () => {
    const mix = estimateWorkloadMix(requests, { coverage: 0.8, weighting: 'count' });
    assert.deepEqual(
      mix.requests.map((r) => [r.cpuMillis, r.weight]),
      [
        [1000, 5 / 8],
        [2000, 3 / 8],
      ],
    );
  });

  it('keeps everything at 95 % when the tail is needed to reach it', () => {
    const mix = estimateWorkloadMix(requests);
    assert.equal(mix.requests.length, 4);
    assert.equal(
      mix.requests.reduce((s, r) => s + r.weight, 0),
      1,
    );
  });

  it('weights by device demand when asked', () => {
    const mix = estimateWorkloadMix(requests, { coverage: 1, weighting: 'demand' });
    assert.deepEqual(mix.requests[0], { ...mix.requests[0], cpuMillis: 4000, count: 8, weight: 8 / 17 });
  });
});
