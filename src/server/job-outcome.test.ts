import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { jobFixture, taskFixture } from '../store/fixtures.js';
import type { JobRecord, TaskRecord } from '../store/types.js';
import { jobOutcome } from './job-outcome.js';

function job(overrides: Partial<JobRecord> = {}, retries = 0): JobRecord {
  const base = jobFixture({ phase: 'Running', attempt: 1, ...overrides });
  return { ...base, spec: { ...base.spec, runtime: { ...base.spec.runtime, retries } } };
}

function task(j: JobRecord, replica: number, state: TaskRecord['state'], exitCode: number | null = null): TaskRecord {
  return taskFixture(j, { id: `${j.id}-r${replica}-a${j.attempt}`, replica, attempt: j.attempt, state, exitCode });
}

describe('job outcome', () => {
  test('running while any replica runs and none failed', () => {
    const j = job();
    assert.deepEqual(jobOutcome(j, [task(j, 0, 'running'), task(j, 1, 'succeeded', 0)]), { kind: 'running' });
  });

  test('a failed replica stops the rest of the gang', () => {
    const j = job();
    const outcome = jobOutcome(j, [task(j, 0, 'running'), task(j, 1, 'failed', 2)]);
    assert.equal(outcome.kind, 'stop-gang');
    assert.match((outcome as { message: string }).message, /replica 1 exited with code 2/);
  });

  test('succeeded when every replica exited 0', () => {
    const j = job();
    assert.deepEqual(jobOutcome(j, [task(j, 0, 'succeeded', 0), task(j, 1, 'succeeded', 0)]), { kind: 'succeeded' });
  });

  test('retries while attempts remain, then fails with the root cause', () => {
    const first = job({ attempt: 1 }, 1);
    const retry = jobOutcome(first, [task(first, 0, 'failed', 3), task(first, 1, 'cancelled')]);
    assert.equal(retry.kind, 'retry');
    const second = job({ attempt: 2 }, 1);
    const failed = jobOutcome(second, [task(second, 0, 'cancelled'), task(second, 1, 'failed', 4)]);
    assert.deepEqual(failed, {
      kind: 'failed',
      reason: 'ExitCode',
      message: 'replica 1 exited with code 4; no retries left (1 used)',
      exitCode: 4,
    });
  });

  test('a lost replica fails the job with reason TaskLost', () => {
    const j = job();
    const outcome = jobOutcome(j, [{ ...task(j, 0, 'lost'), message: 'runner vanished' }]);
    assert.equal(outcome.kind, 'failed');
    assert.equal((outcome as { reason: string }).reason, 'TaskLost');
  });

  test('a requested cancel ends as Cancelled once every replica stopped', () => {
    const j = job({ cancelRequested: true });
    assert.deepEqual(jobOutcome(j, [task(j, 0, 'running')]), { kind: 'running' });
    assert.deepEqual(jobOutcome(j, [task(j, 0, 'cancelled')]), { kind: 'cancelled' });
  });

  test('tasks of earlier attempts do not count', () => {
    const j = job({ attempt: 2 }, 2);
    const old = { ...task(j, 0, 'failed', 1), attempt: 1, id: 'old' };
    assert.deepEqual(jobOutcome(j, [old, task(j, 0, 'running')]), { kind: 'running' });
  });
});
