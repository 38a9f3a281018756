import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ReplicaPlacement } from '../cluster/types.js';
import type { ScorePlugin, ScoreWeight } from './framework.js';
import { Placed, type ReplicaReason } from './placed.js';

function placement(replica: number, node: string, devices: number[]): ReplicaPlacement {
  return {
    replica,
    site: 'a',
    node,
    cpuMillis: 1000,
    memoryMiB: 1024,
    vendor: devices.length ? 'nvidia' : null,
    model: devices.length ? 'h100' : null,
    devices: devices.map((index) => ({ index, memoryMiB: 81920, computePercent: 100, whole: true })),
  };
}

function reason(p: ReplicaPlacement, score: number): ReplicaReason {
  return { node: p.node, placement: p, score, scores: [40, 0.4], feasible: 3, considered: 8 };
}

const plugin = (name: string) => ({ name, score: () => 0 }) as ScorePlugin;
const WEIGHTS: ScoreWeight[] = [
  { plugin: plugin('frag-pack'), weight: 3 },
  { plugin: plugin('spread'), weight: 1 },
];

describe('a bound job and its reasons', () => {
  test('one line per replica, after the topology scope, written once', () => {
    const placements = [placement(0, 'n-1', [2, 3]), placement(1, 'n-4', [])];
    const placed = new Placed('job', placements, [reason(placements[0]!, 120.04), reason(placements[1]!, -5)], WEIGHTS);
    placed.scope = 'site/sn-0';
    const details = placed.details;
    assert.deepEqual(details, [
      'topology: all replicas in site/sn-0',
      'replica 0 → n-1 devices 2,3 (h100): score 120.0 (frag-pack 40×3, spread 0×1); 3/8 nodes feasible',
      'replica 1 → n-4: score -5.0 (frag-pack 40×3, spread 0×1); 3/8 nodes feasible',
    ]);
    assert.equal(placed.details, details, 'the same lines on every read');
  });

  test('no scope line when the job could go anywhere', () => {
    const p = placement(0, 'n-0', [1]);
    assert.deepEqual(new Placed('job', [p], [reason(p, 7)], WEIGHTS).details, [
      'replica 0 → n-0 devices 1 (h100): score 7.0 (frag-pack 40×3, spread 0×1); 3/8 nodes feasible',
    ]);
  });
});
