import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClusterState } from '../cluster/state.js';
import type { ReplicaPlacement } from '../cluster/types.js';
import { runCycle } from '../scheduler/cycle.js';
import type { Profile } from '../scheduler/framework.js';
import { traceWorkloadMix } from './fgd-experiment.js';
import { POLICIES } from './policies.js';
import { seededRandom } from './prng.js';
import { OnlinePlacer } from './replay.js';
import type { TraceNode, TracePod } from './trace.js';
import { traceJob, traceNodeInfo } from './trace-cluster.js';

/** A seeded cluster of mixed shapes and a pod stream with shares, whole devices, gangs of devices and gpu_spec. */
function world(seed: number): { nodes: TraceNode[]; pods: TracePod[] } {
  const random = seededRandom(seed);
  const shapes = [
    { gpus: 2, model: 'T4', cpuMillis: 32000 },
    { gpus: 4, model: 'V100M16', cpuMillis: 48000 },
    { gpus: 8, model: 'G2', cpuMillis: 96000 },
  ];
  const nodes = Array.from({ length: 12 }, (_, i) => {
    const shape = shapes[random.int(shapes.length)]!;
    return { name: `n${String(i).padStart(2, '0')}`, memoryMiB: 262144, ...shape };
  });
  const milli = [110, 230, 320, 470, 500, 650, 810];
  const pods = Array.from({ length: 160 }, (_, i): TracePod => {
    const r = random.next();
    const gpus = r < 0.15 ? 0 : r < 0.55 ? 1 : r < 0.9 ? 1 : [2, 4, 8][random.int(3)]!;
    const gpuMilli = gpus === 0 ? 0 : r < 0.55 ? milli[random.int(milli.length)]! : 1000;
    return {
      name: `p${i}`,
      cpuMillis: 1000 * (1 + random.int(12)),
      memoryMiB: 1024 * (1 + random.int(16)),
      gpus,
      gpuMilli,
      gpuSpec: random.next() < 0.2 ? ['T4', 'V100M16'] : [],
      qos: 'LS',
      phase: 'Running',
      creationTime: i,
      deletionTime: null,
      scheduledTime: null,
    };
  });
  return { nodes, pods };
}

function key(p: ReplicaPlacement | undefined): string {
  return p ? `${p.node}:${p.devices.map((d) => d.index).join(',')}` : 'none';
}

function simProfile(policy: string, pods: TracePod[]) {
  return POLICIES[policy]!({ workload: traceWorkloadMix(pods), fullWorkload: traceWorkloadMix(pods), seed: 3 });
}

const ALL = ['fgd', 'frag-pack', 'best-fit', 'random', 'dot-product', 'spread', 'binpack'];

describe('OnlinePlacer', () => {
  for (const policy of ALL.filter((p) => p !== 'random')) {
    it(`${policy}: the per-node-state cache changes no decision`, () => {
      const { nodes, pods } = world(7);
      const infos = nodes.map(traceNodeInfo);
      const a = new ClusterState(infos);
      const b = new ClusterState(infos);
      const cached = new OnlinePlacer(a, [...a.nodes()], simProfile(policy, pods));
      const plain = new OnlinePlacer(b, [...b.nodes()], { ...simProfile(policy, pods), stateOnly: false });
      pods.forEach((pod, i) => {
        const job = traceJob(pod, `j${i}`, i);
        assert.equal(key(cached.place(job)), key(plain.place(job)), `pod ${i}`);
      });
    });
  }

  // random is left out here: its score depends on the node's name, and runCycle evaluates one
  // node per class of equal free state, so it scores a class by its representative's name.
  for (const policy of ALL.filter((p) => p !== 'random')) {
    it(`${policy}: takes a best-scoring node as runCycle does, and the same node when the best is unique`, () => {
      const { nodes, pods } = world(7);
      const cluster = new ClusterState(nodes.map(traceNodeInfo));
      const sim = simProfile(policy, pods);
      const profile: Profile = {
        name: policy,
        order: [],
        admit: [],
        filter: [...sim.filter],
        score: [...sim.score],
        permit: [],
      };
      let placed = 0;
      let unique = 0;
      pods.forEach((pod, i) => {
        const job = traceJob(pod, `j${i}`, i);
        const placer = new OnlinePlacer(cluster, [...cluster.nodes()], sim);
        const scores = new Map([...cluster.nodes()].map((n) => [n.info.name, placer.evaluate(job, n)?.score]));
        const mine = placer.choose(job);
        const theirs = runCycle(profile, cluster, [job], 0).bound[0]?.placements[0];
        assert.equal(mine === undefined, theirs === undefined, `pod ${i}: placed by one only`);
        if (!mine || !theirs) return;
        placed++;
        assert.equal(
          scores.get(theirs.node),
          mine.score,
          `pod ${i}: runCycle's node scores ${scores.get(theirs.node)}`,
        );
        if ([...scores.values()].filter((s) => s === mine.score).length === 1) {
          unique++;
          assert.equal(key(theirs), key(mine.placement), `pod ${i}`);
        }
      });
      assert.ok(placed > 40 && placed < pods.length, `a contested run: ${placed} placed`);
      assert.ok(unique > 0);
    });
  }
});
