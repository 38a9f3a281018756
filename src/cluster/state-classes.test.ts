import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { makeNode } from '../scheduler/testing.js';
import { ClusterState } from './state.js';
import { StateClasses } from './state-classes.js';
import { sameKey, stateKey } from './state-signature.js';

describe('state classes', () => {
  test('with a small memory of gone states: every node in the class of its key, live ids distinct and kept while live', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ node: fc.nat(3), compute: fc.constantFrom(0, 10, 20, 30) }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 6 }),
        (ops, limit) => {
          const cluster = new ClusterState([0, 1, 2, 3].map((i) => makeNode(`n-${i}`, 'nvidia', 'h100', 1)));
          const nodes = [...cluster.nodes()];
          const classes = new StateClasses((ordinal) => nodes[ordinal]!, limit);
          for (const n of nodes) classes.place(n);
          const idOfLive = new Map<object, number>();
          for (const op of ops) {
            const node = nodes[op.node]!;
            // Change the node's state directly, as the cluster state does, then re-place it.
            node.devices[0]!.freeComputePercent = 100 - op.compute;
            node.changes++;
            classes.place(node);
            const live = classes.list();
            assert.equal(new Set(live.map((c) => c.id)).size, live.length, 'live ids distinct');
            for (const c of live) {
              const before = idOfLive.get(c);
              if (before !== undefined) assert.equal(c.id, before, 'an id is kept while its class lives');
              idOfLive.set(c, c.id);
              assert.equal(classes.byClassId(c.id), c);
            }
            for (const n of nodes) {
              const cls = classes.classAt(n.ordinal)!;
              assert.ok(sameKey(cls.key, stateKey(n, [])), 'each node in the class of its state');
              assert.ok(cls.members.includes(n.ordinal));
              for (const m of nodes) {
                const same = sameKey(stateKey(n, []), stateKey(m, []));
                assert.equal(classes.classAt(m.ordinal) === cls, same, 'one class per state');
              }
            }
          }
        },
      ),
      { numRuns: 300, seed: 13 },
    );
  });
});
