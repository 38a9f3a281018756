import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { DeviceFree } from './fragmentation.js';
import { FragmentationMemo } from './fragmentation-memo.js';

const deviceArb: fc.Arbitrary<DeviceFree> = fc
  .record({
    model: fc.constantFrom('h100', 'k100'),
    memoryMiB: fc.constantFrom(0, 1024, 40960, 81920),
    computePercent: fc.constantFrom(0, 25, 100),
    idle: fc.boolean(),
  })
  .map((d) => ({ ...d, milli: Math.min((d.memoryMiB * 1000) / 81920, d.computePercent * 10) }));

/** Every field of a state, as text. */
const stateOf = (cpu: number, devices: readonly DeviceFree[]) =>
  JSON.stringify([cpu, devices.map((d) => [d.model, d.milli, d.memoryMiB, d.computePercent, d.idle])]);

/** A measure that tells every state apart: a number per distinct state. */
const ids = new Map<string, number>();
function exact(cpu: number, devices: readonly DeviceFree[]): number {
  const key = stateOf(cpu, devices);
  if (!ids.has(key)) ids.set(key, ids.size);
  return ids.get(key)!;
}

describe('fragmentation memo', () => {
  test('answers the measure of the state asked, replaced device included, and measures each state once', () => {
    const queryArb = fc.record({
      cpu: fc.constantFrom(0, 1000, 64000),
      list: fc.integer({ min: 0, max: 3 }),
      replace: fc.option(fc.record({ index: fc.nat(), device: deviceArb }), { freq: 2 }),
      withBase: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(deviceArb, { minLength: 1, maxLength: 4 }), { minLength: 4, maxLength: 4 }),
        fc.array(queryArb, { maxLength: 40 }),
        (lists, queries) => {
          const measured = new Map<string, number>();
          const memo = new FragmentationMemo({ requests: [] }, (cpu, devices) => {
            const key = stateOf(cpu, devices);
            measured.set(key, (measured.get(key) ?? 0) + 1);
            return exact(cpu, devices);
          });
          for (const q of queries) {
            const list = lists[q.list]!;
            const base = q.withBase ? memo.listHash(list) : undefined;
            if (q.replace === null) {
              assert.equal(memo.of(q.cpu, list, base), exact(q.cpu, list));
              continue;
            }
            const index = q.replace.index % list.length;
            const replaced = list.slice();
            replaced[index] = q.replace.device;
            assert.equal(memo.ofReplaced(q.cpu, list, index, q.replace.device, base), exact(q.cpu, replaced));
          }
          for (const [, times] of measured) assert.equal(times, 1, 'each state measured once');
        },
      ),
      { numRuns: 500, seed: 12 },
    );
  });
});
