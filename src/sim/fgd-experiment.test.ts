import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AllocationCurve } from './allocation-curve.js';
import { arrivalSequence } from './arrivals.js';
import { gpuCapacityMilli, runFgdExperiment, runOnce, traceWorkloadMix, UnknownPolicyError } from './fgd-experiment.js';
import { FIXTURE_NODES_CSV, FIXTURE_PODS_CSV } from './testing.js';
import { parseNodeList, parsePodList } from './trace.js';
import { podGpuMilli, traceJob, traceNodeInfo } from './trace-cluster.js';

const nodes = parseNodeList(FIXTURE_NODES_CSV, 'nodes.csv');
const pods = parsePodList(FIXTURE_PODS_CSV, 'pods.csv');

describe('allocation curve', () => {
  it('averages the log points of each arrive%, and falls back to k ± 1', () => {
    const curve = new AllocationCurve(1000, 10);
    curve.record(100, true); // arrive 10%, unallocated 90
    curve.record(0, false); // still 10%, 90
    curve.record(300, false); // 40%, 90
    curve.record(200, true); // 60%, 70
    assert.equal(curve.at(10), 90);
    assert.equal(curve.at(6), null);
    assert.equal(curve.at(5), null);
    const wide = new AllocationCurve(100, 130);
    wide.record(99, true); // 99%, 1
    wide.record(2, true); // 101%: 101/100 → -1 unallocated
    assert.equal(wide.at(100), 0); // mean of 99 % and 101 % points
  });
});

describe('FGD experiment on the fixture trace (worked by hand)', () => {
  it('best-fit places the list in order and logs the published metric exactly', () => {
    // Capacity 6 GPUs = 6000 milli. Placements worked by hand with best-fit's formula:
    // pod-0, pod-1 (500 each) share T4 device 0 of node-a; pod-2 takes node-a's device 1;
    // pod-3 (CPU only) ties node-a with node-c at 94 and goes to node-a, first in order;
    // pod-4 takes two V100s of node-b; pod-5 wants a T4 and none has room: failed;
    // pod-6 (810) takes a V100 of node-b.
    const capacity = gpuCapacityMilli(nodes);
    assert.equal(capacity, 6000);
    const order = nodes.map(traceNodeInfo);
    const jobs = pods.map((pod, i) => traceJob(pod, `j${i}`, i));
    const workloads = { workload: traceWorkloadMix(pods), fullWorkload: traceWorkloadMix(pods) };
    const run = runOnce('best-fit', 1, order, pods, jobs, capacity, workloads);
    assert.equal(run.failed, 1);
    assert.equal(run.placed, 6);
    const expect = (k: number, v: number | null) => {
      const got = run.curve[k];
      if (v === null) assert.equal(got, null, `arrive ${k}%`);
      else assert.ok(got !== null && got !== undefined && Math.abs(got - v) < 1e-9, `arrive ${k}%: ${got} vs ${v}`);
    };
    // arrived 500, 1000, 2000, 2000, 4000, 4250, 5060 → arrive% 8, 17, 33, 33, 67, 71, 84.
    expect(8, 100 - 500 / 60);
    expect(17, 100 - 1000 / 60);
    expect(33, 100 - 2000 / 60);
    expect(34, 100 - 2000 / 60);
    expect(67, 100 - 4000 / 60);
    expect(71, 100 - 4000 / 60);
    expect(84, 100 - 4810 / 60);
    expect(50, null);
    assert.equal(run.unallocatedGpuPct['100'], null);
  });

  it('inflates to 130 % of capacity: stops at the first draw that would pass it', () => {
    const arrivals = arrivalSequence(pods, 7, 6000, 1.3);
    const total = arrivals.reduce((s, p) => s + podGpuMilli(p), 0);
    assert.ok(total <= 7800 && total > 7800 - 2000);
    assert.deepEqual(
      arrivals
        .slice(0, pods.length)
        .map((p) => p.name)
        .sort(),
      pods.map((p) => p.name).sort(),
    );
  });

  it('cuts a list that asks for more than the limit down by random pods', () => {
    const arrivals = arrivalSequence(pods, 7, 2000, 1.3);
    assert.ok(arrivals.reduce((s, p) => s + podGpuMilli(p), 0) <= 2600);
  });

  it('is deterministic per seed, and seeds differ', () => {
    const run = (seeds: number[]) =>
      runFgdExperiment({ nodes, pods, seeds, policies: ['fgd', 'best-fit', 'frag-pack', 'random'] });
    const a = run([42, 43]);
    assert.deepEqual(run([42, 43]), a);
    assert.equal(a.length, 4);
    assert.deepEqual(a[0]!.seeds, [42, 43]);
    assert.ok(a.every((r) => r.runs.every((x) => x.curve.length === 131 && x.attempts >= pods.length)));
    assert.notDeepEqual(arrivalSequence(pods, 42, 6000, 1.3), arrivalSequence(pods, 43, 6000, 1.3));
  });

  it('refuses an unknown policy by name', () => {
    assert.throws(() => runFgdExperiment({ nodes, pods, seeds: [1], policies: ['nope'] }), UnknownPolicyError);
  });
});
