import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TimeHeap } from './time-heap.js';
import { runDuration } from './time-jobs.js';
import { distribution, percentile } from './time-metrics.js';
import type { TracePod } from './trace.js';

describe('time replay helpers', () => {
  it('takes nearest-rank percentiles, always a measured value', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    assert.equal(percentile(sorted, 50), 5);
    assert.equal(percentile(sorted, 95), 10);
    assert.equal(percentile(sorted, 0), 1);
    assert.ok(Number.isNaN(percentile([], 50)));
    assert.deepEqual(distribution([3, 1, 2]), { count: 3, mean: 2, p50: 2, p95: 3, p99: 3, max: 3 });
  });

  it('pops the earliest entry first, and equal times in push order', () => {
    const heap = new TimeHeap<{ time: number; id: string }>();
    for (const [time, id] of [
      [5, 'a'],
      [1, 'b'],
      [5, 'c'],
      [0, 'd'],
      [1, 'e'],
    ] as const) {
      heap.push({ time, id });
    }
    const order: string[] = [];
    for (let e = heap.pop(); e; e = heap.pop()) order.push(e.id);
    assert.deepEqual(order, ['d', 'b', 'e', 'a', 'c']);
    assert.equal(heap.size, 0);
  });

  it('runs a pod from its scheduled time, or its creation time when never scheduled', () => {
    const pod = (creationTime: number | null, deletionTime: number | null, scheduledTime: number | null) =>
      ({ creationTime, deletionTime, scheduledTime }) as TracePod;
    assert.equal(runDuration(pod(10, 60, 12)), 48);
    assert.equal(runDuration(pod(30, 50, null)), 20);
    assert.equal(runDuration(pod(40, 40, 40)), undefined);
    assert.equal(runDuration(pod(0, null, 0)), undefined);
  });
});
