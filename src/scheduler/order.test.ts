import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ClusterState } from '../cluster/state.js';
import { CycleState } from './framework.js';
import { jobOrder } from './order.js';
import { priorityOrder } from './plugins/priority-order.js';
import { compileProfile, DEFAULT_PROFILE } from './profile.js';
import { makeJob } from './testing.js';

describe('job order', () => {
  test('priority, then submission time, then id: the same as sorting with the comparator, in order or not', () => {
    const profile = compileProfile(DEFAULT_PROFILE);
    const ctx = { now: 0, cluster: new ClusterState([]), cycle: new CycleState() };
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            priority: fc.constantFrom('low', 'normal', 'high', 'critical'),
            submittedAt: fc.integer({ min: 0, max: 20 }),
            id: fc.integer({ min: 0, max: 1000 }),
          }),
          { maxLength: 60 },
        ),
        fc.boolean(),
        (rows, presorted) => {
          const jobs = rows.map((r, i) =>
            makeJob(`j${r.id}-${i}`, {}, { priority: r.priority, submittedAt: r.submittedAt }),
          );
          if (presorted) jobs.sort((a, b) => a.submittedAt - b.submittedAt || (a.id < b.id ? -1 : 1));
          const expected = [...jobs].sort(priorityOrder.compare).map((j) => j.id);
          const got = [...jobOrder(profile, jobs, ctx)].map((j) => j.id);
          assert.deepEqual(got, expected);
        },
      ),
      { numRuns: 500, seed: 13 },
    );
  });
});
