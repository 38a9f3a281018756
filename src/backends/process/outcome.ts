/**
 * How a process task's end becomes a TaskStatus. Pure: the supervisor reads the files and the
 * clock, this decides what they mean.
 */
import type { TaskStatus } from '../types.js';
import type { RunnerStatus } from './task-files.js';

/** 14400 → "4h", 90 → "1m30s", 0.5 → "0.5s". */
export function formatDuration(seconds: number): string {
  if (!(seconds >= 60) || !Number.isInteger(seconds)) return `${seconds}s`;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return [h ? `${h}h` : '', m ? `${m}m` : '', s ? `${s}s` : ''].join('');
}

export interface OutcomeContext {
  taskId: string;
  /** A cancel was requested through the supervisor (the cancel marker exists). */
  cancelled: boolean;
  maxDurationSeconds?: number;
  at: number;
}

/** The terminal status for a runner that wrote status.json. */
export function outcomeFromRunnerStatus(status: RunnerStatus, context: OutcomeContext): TaskStatus {
  const { taskId, at } = context;
  const exitCode = status.exitCode === null ? {} : { exitCode: status.exitCode };
  if (context.cancelled) {
    const message = status.signal === 'SIGKILL' ? 'cancelled; killed after the grace period' : 'cancelled';
    return { taskId, state: 'cancelled', ...exitCode, message, at };
  }
  if (status.reason === 'timeout') {
    const limit = context.maxDurationSeconds;
    const message = `exceeded maxDuration ${limit === undefined ? '' : formatDuration(limit)}`.trimEnd();
    return { taskId, state: 'failed', ...exitCode, message, at };
  }
  if (status.reason === 'spawn-error') {
    return { taskId, state: 'failed', exitCode: status.exitCode ?? 127, message: status.message, at };
  }
  if (status.exitCode === 0) return { taskId, state: 'succeeded', exitCode: 0, at };
  const message = status.signal ? `killed by ${status.signal}` : `exited with code ${status.exitCode}`;
  return { taskId, state: 'failed', ...exitCode, message, at };
}

/** The terminal status for a runner that is gone without writing status.json. */
export function outcomeWithoutStatus(context: OutcomeContext & { pid: number }): TaskStatus {
  const { taskId, at } = context;
  if (context.cancelled) return { taskId, state: 'cancelled', message: 'cancelled; killed after the grace period', at };
  return {
    taskId,
    state: 'lost',
    message: `task runner (pid ${context.pid}) is gone and left no exit status`,
    at,
  };
}
