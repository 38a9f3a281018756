import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { PendingJob } from './framework.js';
import { requestShape, ShapeMap, sameShape, shapeHash } from './shape.js';
import { makeJob } from './testing.js';

const jobArb = fc
  .record({
    queue: fc.constantFrom('a', 'b'),
    replicas: fc.integer({ min: 1, max: 2 }),
    kind: fc.constantFrom('whole', 'share'),
    count: fc.integer({ min: 1, max: 2 }),
    vendors: fc.constantFrom<string[][]>([], ['nvidia'], ['hygon'], ['nvidia', 'hygon']),
    memory: fc.constantFrom(1024, 2048),
    sites: fc.constantFrom<string[][]>([], ['east']),
    precision: fc.constantFrom<string[][]>([], ['bf16']),
    avoid: fc.constantFrom<(string[] | undefined)[]>(undefined, ['west']),
  })
  .map((r, i = 0): PendingJob => {
    const job = makeJob(
      `j-${i}`,
      r.kind === 'share'
        ? { kind: 'share', count: 1, share: { memoryMiB: r.memory, computePercent: 10 }, vendors: r.vendors }
        : { count: r.count, vendors: r.vendors },
      { replicas: r.replicas, queue: r.queue, sites: r.sites },
    );
    job.spec.workload.precision = r.precision;
    return r.avoid ? { ...job, avoidSites: r.avoid } : job;
  });

describe('request shapes', () => {
  test('sameShape and shapeHash agree with the shape key', () => {
    fc.assert(
      fc.property(jobArb, jobArb, fc.boolean(), (a, b, byQueue) => {
        const same = requestShape(a, byQueue) === requestShape(b, byQueue);
        assert.equal(sameShape(a, b, byQueue), same);
        if (same) assert.equal(shapeHash(a, byQueue), shapeHash(b, byQueue));
      }),
      { numRuns: 2000 },
    );
  });

  test('a ShapeMap finds the entry of any job of the same shape', () => {
    fc.assert(
      fc.property(fc.array(jobArb, { maxLength: 40 }), fc.boolean(), (jobs, byQueue) => {
        const map = new ShapeMap<string>(byQueue);
        const byKey = new Map<string, string>();
        for (const job of jobs) {
          const key = requestShape(job, byQueue);
          assert.equal(map.get(job), byKey.get(key));
          map.set(job, key);
          byKey.set(key, key);
        }
      }),
      { numRuns: 300 },
    );
  });
});
