import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compiledSpec } from '../spec/testing.js';
import type { JobRecord } from '../store/types.js';
import { pendingJobs, runningJobs } from './cycle-input.js';
import { newJobRecord } from './new-job.js';

function job(id: string, change: Partial<JobRecord> = {}, runtime: { maxDurationSeconds?: number } = {}): JobRecord {
  const spec = compiledSpec({ name: id, priority: 'high', runtime: { preemptible: true, ...runtime } });
  return { ...newJobRecord(id, spec, '', 'acme', 'ann', '2026-11-29T00:00:00.000Z'), ...change };
}

const placed = { placement: [], startedAt: '2026-11-29T00:01:00.000Z' } as Partial<JobRecord>;

describe('cycle input', () => {
  test('pending jobs only, each with the sites its earlier attempts lost', () => {
    const jobs = [job('a'), job('b', { phase: 'Running', ...placed }), job('c')];
    const pending = pendingJobs(jobs, new Map([['c', new Set(['east'])]]));
    assert.deepEqual(
      pending.map((p) => [p.id, p.tenant, p.avoidSites]),
      [
        ['a', 'acme', undefined],
        ['c', 'acme', ['east']],
      ],
    );
    assert.equal(pending[0]!.submittedAt, Date.parse('2026-11-29T00:00:00.000Z'));
  });

  test('running jobs with a placement; cancelling or preempted ones are terminating', () => {
    const jobs = [
      job('run', { phase: 'Running', ...placed }, { maxDurationSeconds: 60 }),
      job('cancelling', { phase: 'Running', ...placed, cancelRequested: true }),
      job('evicted', { phase: 'Running', ...placed }),
      job('unplaced', { phase: 'Running' }),
      job('waiting'),
    ];
    const running = runningJobs(jobs, new Map([['evicted', 'preempted for x']]));
    assert.deepEqual(
      running.map((r) => [r.id, r.priority, r.preemptible, r.maxDurationSeconds, r.terminating ?? false]),
      [
        ['run', 'high', true, 60, false],
        ['cancelling', 'high', true, undefined, true],
        ['evicted', 'high', true, undefined, true],
      ],
    );
    assert.equal(running[0]!.startedAt, Date.parse('2026-11-29T00:01:00.000Z'));
  });
});
