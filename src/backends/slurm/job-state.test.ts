import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { outcomeFromSlurm, parseSacct, parseSqueue, phaseOf } from './job-state.js';

const context = { taskId: 't', cancelled: false, at: 5 };

describe('slurm job state', () => {
  test('squeue: raw wait status becomes exit code or signal', () => {
    const jobs = parseSqueue(
      '5           FAILED        768     \n6           FAILED        9       \n7           RUNNING       0       \n',
    );
    assert.deepEqual(jobs.get('5'), { jobId: '5', state: 'FAILED', exitCode: 3, signal: null });
    assert.deepEqual(jobs.get('6'), { jobId: '6', state: 'FAILED', exitCode: null, signal: 9 });
    assert.deepEqual(jobs.get('7'), { jobId: '7', state: 'RUNNING', exitCode: null, signal: null });
  });

  test('sacct: code:signal and "CANCELLED by 0"', () => {
    const jobs = parseSacct('11|COMPLETED|0:0\n12|CANCELLED by 0|0:15\n13|FAILED|4:0\n');
    assert.equal(jobs.get('11')?.exitCode, 0);
    assert.deepEqual(jobs.get('12'), { jobId: '12', state: 'CANCELLED', exitCode: null, signal: 15 });
    assert.equal(jobs.get('13')?.exitCode, 4);
  });

  test('phases', () => {
    assert.deepEqual(['PENDING', 'RUNNING', 'COMPLETING', 'TIMEOUT', 'REQUEUED'].map(phaseOf), [
      'waiting',
      'running',
      'running',
      'ended',
      'waiting',
    ]);
  });

  test("outcomes from Slurm's record alone", () => {
    const record = (state: string, exitCode: number | null, signal: number | null = null) => ({
      jobId: '9',
      state,
      exitCode,
      signal,
    });
    assert.equal(outcomeFromSlurm(undefined, context).state, 'lost');
    assert.equal(outcomeFromSlurm(record('CANCELLED', null, 15), { ...context, cancelled: true }).state, 'cancelled');
    assert.equal(outcomeFromSlurm(record('CANCELLED', null, 15), context).state, 'failed');
    assert.deepEqual(outcomeFromSlurm(record('COMPLETED', 0), context), {
      taskId: 't',
      state: 'succeeded',
      exitCode: 0,
      at: 5,
    });
    assert.match(
      outcomeFromSlurm(record('TIMEOUT', null, 15), { ...context, maxDurationSeconds: 90 }).message ?? '',
      /exceeded maxDuration 1m30s/,
    );
    assert.equal(outcomeFromSlurm(record('FAILED', null, 9), context).state, 'lost');
    const failed = outcomeFromSlurm(record('FAILED', 127), context);
    assert.equal(failed.state, 'failed');
    assert.equal(failed.exitCode, 127);
    assert.equal(outcomeFromSlurm(record('NODE_FAIL', null), context).state, 'lost');
  });
});
