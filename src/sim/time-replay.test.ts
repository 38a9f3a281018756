import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRandom } from './prng.js';
import { FIXTURE_NODES_CSV } from './testing.js';
import { replayInTime, TimeReplayOptionError, type TimeReplayOptions } from './time-replay.js';
import { TIMED_NODES_CSV, TIMED_PODS_CSV } from './time-testing.js';
import { parseNodeList, parsePodList, type TracePod } from './trace.js';

const nodes = parseNodeList(TIMED_NODES_CSV, 'nodes.csv');
const pods = parsePodList(TIMED_PODS_CSV, 'pods.csv');

function timesOf(options: Partial<TimeReplayOptions> = {}) {
  const result = replayInTime({ nodes, pods, profile: 'default', ...options });
  return { result, byId: new Map(result.outcomes.map((o) => [o.id, o])) };
}

describe('replayInTime', () => {
  // Node n1 has 2 GPUs. p0 (1 GPU, 0–100) and p1 (1 GPU, runs 48 s from 10) start at once; p2 wants
  // both GPUs; p3 (1 GPU, 20 s: never scheduled, so deletion − creation) takes the GPU p1 frees at 58;
  // p4 lasts 0 s and is skipped; p6 wants 3 GPUs and never fits; p5 arrives at 100, behind p2.
  it('matches queueing delays and completion times worked out by hand', () => {
    const { result, byId } = timesOf();
    const at = (id: string) => {
      const o = byId.get(id)!;
      return [o.arrival, o.start, o.finish];
    };
    assert.deepEqual(at('p0'), [0, 0, 100]);
    assert.deepEqual(at('p1'), [10, 10, 58]);
    assert.deepEqual(at('p3'), [30, 58, 78]);
    assert.deepEqual(at('p2'), [20, 100, 170]);
    assert.deepEqual(at('p5'), [100, 170, 200]);
    assert.deepEqual(at('p6'), [5, undefined, undefined]);
    assert.equal(byId.has('p4'), false);
    assert.equal(result.skipped, 1);
    assert.equal(result.jobs, 6);
    assert.equal(result.placed, 5);
    assert.equal(result.completed, 5);
    assert.equal(result.neverPlaced, 1);
    assert.equal(result.waitingAtEnd, 1);
    assert.equal(result.end, 200);
    // Delays 0, 0, 28, 70, 80; nearest-rank percentiles.
    assert.deepEqual(result.queueingDelay, { count: 5, mean: 35.6, p50: 28, p95: 80, p99: 80, max: 80 });
    // Completion times 48, 48, 100, 100, 150.
    assert.equal(result.completionTime.mean, 89.2);
    assert.equal(result.completionTime.p95, 150);
    assert.equal(result.capacityGpuMilli, 2000);
  });

  it('frees a departing pod’s devices for a waiting pod at exactly its deletion time', () => {
    const { byId } = timesOf();
    // p0 was bound at its scheduled time, so it departs at its deletion_time, 100; p2 starts then.
    const p0 = pods.find((p) => p.name === 'p0')!;
    assert.equal(byId.get('p0')!.finish, p0.deletionTime);
    assert.equal(byId.get('p2')!.start, p0.deletionTime);
  });

  it('samples the allocated GPU fraction after the events at each sample time', () => {
    const { result } = timesOf({ sampleSeconds: 50 });
    assert.deepEqual(
      result.utilization.map((s) => [s.time, s.gpuFraction, s.running, s.waiting]),
      [
        [0, 0.5, 1, 0],
        [50, 1, 2, 3],
        [100, 1, 1, 2],
        [150, 1, 1, 2],
        [200, 0, 0, 1],
      ],
    );
  });

  it('runs cycles only on the cycle period when asked', () => {
    const { byId } = timesOf({ cycleSeconds: 25 });
    const started = ['p0', 'p1', 'p2', 'p3', 'p5'].map((id) => byId.get(id)!.start);
    // p1 waits for the tick at 25; p3 for the one after p1 leaves (73 → 75); p2 for p0 and p3 to
    // leave (100); p5 for p2 (170 → 175).
    assert.deepEqual(started, [0, 25, 100, 75, 175]);
    assert.equal(byId.get('p5')!.finish, 205);
  });

  it('stops at the horizon and counts what was left', () => {
    const { result } = timesOf({ horizon: 60 });
    assert.equal(result.end, 60);
    assert.equal(result.jobs, 5);
    assert.equal(result.notArrived, 1);
    assert.equal(result.completed, 1);
    assert.equal(result.runningAtEnd, 2);
    assert.equal(result.neverPlaced, 2);
  });

  it('is deterministic, for every profile', () => {
    const random = seededRandom(7);
    const many: TracePod[] = Array.from({ length: 100 }, (_, i) => {
      const share = random.next() < 0.5;
      const creation = random.int(5000);
      return {
        name: `s${i}`,
        cpuMillis: 1000 * (1 + random.int(4)),
        memoryMiB: 1024 * (1 + random.int(8)),
        gpus: share ? 1 : 1 + random.int(2),
        gpuMilli: share ? 100 * (1 + random.int(9)) : 1000,
        gpuSpec: [],
        qos: 'LS',
        phase: 'Running',
        creationTime: creation,
        deletionTime: creation + 1 + random.int(2000),
        scheduledTime: creation,
      };
    });
    const cluster = parseNodeList(FIXTURE_NODES_CSV, 'nodes.csv');
    for (const profile of ['default', 'fair', 'fgd', 'packing']) {
      const run = () => replayInTime({ nodes: cluster, pods: many, profile, sampleSeconds: 100 });
      const first = run();
      assert.deepEqual(run(), first, profile);
      assert.ok(first.queueingDelay.max > 0, `${profile}: the cluster is loaded enough to queue`);
      assert.equal(first.completed, first.jobs, profile);
    }
  });

  it('reports its own cost only through the stopwatch it is given', () => {
    let ms = 0;
    const { result } = timesOf({ stopwatch: () => (ms += 500) });
    assert.deepEqual(result.wall, { seconds: 0.5, decisionsPerSecond: result.decisions / 0.5 });
    assert.equal(timesOf().result.wall, undefined);
  });

  it('names the option at fault', () => {
    assert.throws(() => timesOf({ profile: 'nope' }), TimeReplayOptionError);
    assert.throws(() => timesOf({ cycleSeconds: 0 }), /cycleSeconds/);
    assert.throws(() => timesOf({ horizon: -1 }), /horizon/);
  });
});
