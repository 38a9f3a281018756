import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatDuration, outcomeFromRunnerStatus, outcomeWithoutStatus } from './outcome.js';
import type { RunnerStatus } from './task-files.js';

const exited = (exitCode: number | null, signal: string | null = null): RunnerStatus => ({
  exitCode,
  signal,
  reason: 'exited',
  message: '',
  finishedAt: '2030-01-01T00:00:00.000Z',
});
const context = { taskId: 't', cancelled: false, at: 5 };

describe('formatDuration', () => {
  test('uses the largest units that fit', () => {
    assert.deepEqual([14400, 90, 3661, 45, 0.5, 60].map(formatDuration), [
      '4h',
      '1m30s',
      '1h1m1s',
      '45s',
      '0.5s',
      '1m',
    ]);
  });
});

describe('outcomeFromRunnerStatus', () => {
  test('exit 0 succeeds, non-zero fails with the code, a signal fails naming it', () => {
    assert.deepEqual(outcomeFromRunnerStatus(exited(0), context), {
      taskId: 't',
      state: 'succeeded',
      exitCode: 0,
      at: 5,
    });
    assert.deepEqual(outcomeFromRunnerStatus(exited(3), context), {
      taskId: 't',
      state: 'failed',
      exitCode: 3,
      message: 'exited with code 3',
      at: 5,
    });
    assert.deepEqual(outcomeFromRunnerStatus(exited(null, 'SIGSEGV'), context), {
      taskId: 't',
      state: 'failed',
      message: 'killed by SIGSEGV',
      at: 5,
    });
  });

  test('a cancelled task is cancelled however it ended', () => {
    const cancelled = { ...context, cancelled: true };
    assert.equal(outcomeFromRunnerStatus(exited(143), cancelled).state, 'cancelled');
    assert.equal(outcomeFromRunnerStatus(exited(0), cancelled).state, 'cancelled');
    assert.match(outcomeFromRunnerStatus(exited(null, 'SIGKILL'), cancelled).message ?? '', /grace period/);
  });

  test('a timeout fails naming maxDuration', () => {
    const status: RunnerStatus = { ...exited(null, 'SIGTERM'), reason: 'timeout' };
    const outcome = outcomeFromRunnerStatus(status, { ...context, maxDurationSeconds: 14400 });
    assert.equal(outcome.state, 'failed');
    assert.equal(outcome.message, 'exceeded maxDuration 4h');
  });

  test('a spawn error fails with its exit code and message', () => {
    const status: RunnerStatus = {
      ...exited(127),
      reason: 'spawn-error',
      message: "cannot start 'x': command not found",
    };
    assert.deepEqual(outcomeFromRunnerStatus(status, context), {
      taskId: 't',
      state: 'failed',
      exitCode: 127,
      message: "cannot start 'x': command not found",
      at: 5,
    });
  });
});

describe('outcomeWithoutStatus', () => {
  test('a vanished runner is lost, unless we cancelled it', () => {
    assert.equal(outcomeWithoutStatus({ ...context, pid: 42 }).state, 'lost');
    assert.match(outcomeWithoutStatus({ ...context, pid: 42 }).message ?? '', /pid 42/);
    assert.equal(outcomeWithoutStatus({ ...context, cancelled: true, pid: 42 }).state, 'cancelled');
  });
});
