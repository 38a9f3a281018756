import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cheapestFirst, heterogeneityAgnosticFifo } from './baselines.js';
import { simulate } from './engine.js';
import { generatedCluster, generatedJobs, generatedMatrix } from './generate.js';
import type { SimCluster, SimJob, ThroughputMatrix } from './inputs.js';
import { junctionPolicy } from './junction-policy.js';
import { runFederation } from './run.js';

const CLUSTER: SimCluster = {
  currency: 'USD',
  sites: [
    {
      name: 'fast',
      region: 'a',
      startupSeconds: 0,
      pools: [{ model: 'nvidia-h100-sxm', devices: 4, pricePerHour: 4 }],
    },
    {
      name: 'cheap',
      region: 'b',
      startupSeconds: 0,
      pools: [{ model: 'hygon-dcu-k100_ai', devices: 4, pricePerHour: 1 }],
    },
  ],
};
const MATRIX: ThroughputMatrix = {
  reference: 'nvidia-a100-80gb',
  classes: { t: { 'nvidia-h100-sxm': 4, 'hygon-dcu-k100_ai': 0.5 } },
};

function job(id: string, arrival: number, deadline?: number): SimJob {
  const j: SimJob = { id, arrival, class: 't', work: 3600, replicas: 1, devicesPerReplica: 4, priority: 'normal' };
  if (deadline !== undefined) j.deadline = deadline;
  return j;
}

describe('federated simulation', () => {
  test('run time is work ÷ throughput and cost is time × price × devices', () => {
    const { records } = simulate(CLUSTER, MATRIX, [job('a', 0)], cheapestFirst());
    assert.deepEqual(records[0], {
      id: 'a',
      arrival: 0,
      devices: 4,
      start: 0,
      end: 7200,
      site: 'cheap',
      model: 'hygon-dcu-k100_ai',
      cost: 8,
    });
  });

  test('junction optimizes cost without a deadline and time with one', () => {
    const { records } = simulate(CLUSTER, MATRIX, [job('a', 0), job('b', 0, 3000)], junctionPolicy());
    assert.equal(records[0]?.site, 'fast'); // 900 s × 16/h = 4 beats 7200 s × 4/h = 8
    assert.equal(records[1]?.site, 'fast');
    assert.ok(records[1]!.end! <= 3000);
  });

  test('junction waits for a busy fast pool when that still ends first', () => {
    const jobs = [job('a', 0), job('b', 10, 2000)];
    const { records } = simulate(CLUSTER, MATRIX, jobs, junctionPolicy());
    assert.equal(records[1]?.site, 'fast');
    assert.equal(records[1]?.start, 900);
  });

  test('fifo blocks behind the head job', () => {
    const { records } = simulate(CLUSTER, MATRIX, [job('a', 0), job('b', 0), job('c', 0)], heterogeneityAgnosticFifo());
    assert.deepEqual(
      records.map((r) => [r.site, r.start]),
      [
        ['fast', 0],
        ['cheap', 0],
        ['fast', 900],
      ],
    );
  });

  test('the simulation is deterministic per seed', () => {
    const cluster = generatedCluster();
    const matrix = generatedMatrix();
    const options = { seed: 11, jobs: 300, load: 0.8, deadlineShare: 0.35 };
    const a = runFederation(cluster, matrix, generatedJobs(cluster, matrix, options)).map((r) => r.metrics);
    const b = runFederation(cluster, matrix, generatedJobs(cluster, matrix, options)).map((r) => r.metrics);
    assert.deepEqual(a, b);
    const c = generatedJobs(cluster, matrix, { ...options, seed: 12 });
    assert.notDeepEqual(c, generatedJobs(cluster, matrix, options));
  });
});
