import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { IdHeap } from './id-heap.js';

describe('id heap', () => {
  test('the top is the best id of those in, by score then ordinal, through sets, moves and deletes', () => {
    const opArb = fc.oneof(
      fc.record({
        kind: fc.constant('set' as const),
        id: fc.nat(40),
        score: fc.integer({ min: 0, max: 1000 }),
        ordinal: fc.nat(20),
      }),
      fc.record({ kind: fc.constant('delete' as const), id: fc.nat(40) }),
    );
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 200 }), (ops) => {
        const heap = new IdHeap();
        const model = new Map<number, { score: number; ordinal: number }>();
        for (const op of ops) {
          if (op.kind === 'set') {
            heap.set(op.id, op.score, op.ordinal);
            model.set(op.id, { score: op.score, ordinal: op.ordinal });
          } else {
            heap.delete(op.id);
            model.delete(op.id);
          }
          assert.equal(heap.size, model.size);
          let best = -1;
          for (const [id, k] of model) {
            const b = model.get(best);
            if (
              !b ||
              k.score > b.score ||
              (k.score === b.score && (k.ordinal < b.ordinal || (k.ordinal === b.ordinal && id < best)))
            )
              best = id;
          }
          const top = heap.top();
          if (best === -1) assert.equal(top, -1);
          else {
            // Ties on both score and ordinal may come out in either order; the key must be the best.
            assert.ok(model.has(top));
            assert.deepEqual(model.get(top), model.get(best));
          }
          for (const id of [0, 7, 40]) assert.equal(heap.has(id), model.has(id));
        }
        // Taking the top out again and again gives every id once, best first.
        let last: { score: number; ordinal: number } | undefined;
        const seen = new Set<number>();
        for (let id = heap.top(); id !== -1; id = heap.top()) {
          const k = model.get(id)!;
          if (last) assert.ok(k.score < last.score || (k.score === last.score && k.ordinal >= last.ordinal));
          last = k;
          seen.add(id);
          heap.delete(id);
        }
        assert.deepEqual(
          [...seen].sort((a, b) => a - b),
          [...model.keys()].sort((a, b) => a - b),
        );
      }),
      { numRuns: 500, seed: 21 },
    );
  });
});
