import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ClusterState, type StateClass } from '../cluster/state.js';
import { ClassRanking, type RankedVerdict } from './ranking.js';
import { makeNode } from './testing.js';

/** A verdict that depends only on the class's state (as real verdicts do): a few scores, some classes infeasible. */
function verdictOf(cls: StateClass): RankedVerdict {
  const node = cls.representative;
  const free = node.devices.reduce((sum, d) => sum + d.freeComputePercent, 0);
  return { candidate: node.info.name !== 'n-5' || free > 0, ok: free >= 20, score: free % 70 };
}

function bruteForce(cluster: ClusterState, accept: (cls: StateClass) => boolean = () => true) {
  let best: StateClass | undefined;
  let considered = 0;
  let feasible = 0;
  for (const cls of cluster.classList()) {
    const v = verdictOf(cls);
    if (!accept(cls)) {
      // Counted as the ranking counts it (counts do not depend on who accepts), never the best.
      if (v.candidate) considered += cls.members.length;
      if (v.candidate && v.ok) feasible += cls.members.length;
      continue;
    }
    if (!v.candidate) continue;
    considered += cls.members.length;
    if (!v.ok) continue;
    feasible += cls.members.length;
    const bv = best && verdictOf(best);
    if (
      !best ||
      v.score > bv!.score ||
      (v.score === bv!.score && cls.representative.ordinal < best.representative.ordinal)
    ) {
      best = cls;
    }
  }
  return { best, considered, feasible };
}

describe('class ranking', () => {
  test('gives the best class and the node counts of a full walk, after any changes', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            node: fc.integer({ min: 0, max: 7 }),
            device: fc.integer({ min: 0, max: 3 }),
            query: fc.boolean(),
          }),
          {
            maxLength: 60,
          },
        ),
        (ops) => {
          const cluster = new ClusterState(
            Array.from({ length: 8 }, (_, i) => makeNode(`n-${i}`, 'nvidia', 'h100', 4)),
          );
          const ranking = new ClassRanking(cluster, verdictOf);
          const held: string[] = [];
          ops.forEach((op, i) => {
            const node = cluster.node(`n-${op.node}`)!;
            if (node.devices[op.device]!.freeComputePercent >= 30) {
              cluster.allocate(`j-${i}`, [
                {
                  replica: 0,
                  site: 'site-a',
                  node: node.info.name,
                  cpuMillis: 0,
                  memoryMiB: 0,
                  vendor: null,
                  model: null,
                  devices: [{ index: op.device, memoryMiB: 1024, computePercent: 30, whole: false }],
                },
              ]);
              held.push(`j-${i}`);
            } else if (held.length > 0) cluster.release(held.shift()!);
            if (!op.query) return;
            ranking.update();
            const expected = bruteForce(cluster);
            assert.equal(ranking.best(), expected.best);
            assert.equal(ranking.considered, expected.considered);
            assert.equal(ranking.feasible, expected.feasible);
            // With a filter that refuses some classes (a dynamic filter): the best it accepts, and
            // the refused classes stay ranked.
            const odd = (cls: StateClass) => cls.representative.ordinal % 2 === 1;
            assert.equal(ranking.best(odd), bruteForce(cluster, odd).best);
            assert.equal(ranking.best(), expected.best);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
