import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { BinaryHeap } from './binary-heap.js';

describe('binary heap', () => {
  test('gives items in order, however built, pushed, popped and filtered', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 })),
        fc.array(fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constant('pop' as const), fc.constant('odd' as const))),
        (initial, ops) => {
          const heap = new BinaryHeap<number>((a, b) => a < b, [...initial]);
          let model = [...initial];
          for (const op of ops) {
            if (op === 'pop') {
              model.sort((a, b) => a - b);
              assert.equal(heap.pop(), model.shift());
            } else if (op === 'odd') {
              heap.retain((x) => x % 2 === 1);
              model = model.filter((x) => x % 2 === 1);
            } else {
              heap.push(op);
              model.push(op);
            }
            assert.equal(heap.size, model.length);
          }
          const rest: number[] = [];
          for (let x = heap.pop(); x !== undefined; x = heap.pop()) rest.push(x);
          assert.deepEqual(
            rest,
            model.sort((a, b) => a - b),
          );
        },
      ),
      { numRuns: 500, seed: 21 },
    );
  });
});
