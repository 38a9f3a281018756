/**
 * What Slurm says about a job, and what that means for a task when Junction's wrapper left no exit status.
 * Pure: squeue/sacct text in, TaskStatus out.
 */
import { formatDuration } from '../process/outcome.js';
import type { TaskStatus } from '../types.js';

export type SlurmPhase = 'waiting' | 'running' | 'ended';

export interface SlurmJobRecord {
  jobId: string;
  /** Slurm's state name, e.g. PENDING, RUNNING, COMPLETED, CANCELLED, TIMEOUT. */
  state: string;
  /** The batch script's exit code, when it exited. */
  exitCode: number | null;
  /** The signal that ended the batch script, when one did. */
  signal: number | null;
}

const RUNNING = new Set(['RUNNING', 'COMPLETING', 'SUSPENDED', 'STOPPED', 'SIGNALING', 'STAGE_OUT']);
const ENDED = new Set([
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'TIMEOUT',
  'NODE_FAIL',
  'BOOT_FAIL',
  'DEADLINE',
  'OUT_OF_MEMORY',
  'PREEMPTED',
  'SPECIAL_EXIT',
  'REVOKED',
]);

export function phaseOf(state: string): SlurmPhase {
  if (RUNNING.has(state)) return 'running';
  if (ENDED.has(state)) return 'ended';
  return 'waiting';
}

/** The squeue format the watcher asks for: fixed-width columns, none of which can hold a space. */
export const SQUEUE_FORMAT = 'JobID:24,State:24,exit_code:12';

/** Lines of `squeue -h -O JobID,State,exit_code`; exit_code is the raw wait status (768 = exit 3, 9 = SIGKILL). */
export function parseSqueue(text: string): Map<string, SlurmJobRecord> {
  const jobs = new Map<string, SlurmJobRecord>();
  for (const line of text.split('\n')) {
    const [jobId, state, raw] = line.trim().split(/\s+/);
    if (!jobId || !state || !/^\d+$/.test(jobId)) continue;
    const status = Number(raw);
    const exited = Number.isInteger(status) && phaseOf(state) === 'ended';
    jobs.set(jobId, {
      jobId,
      state: state.replace(/\+$/, ''),
      exitCode: exited && (status & 0x7f) === 0 ? (status >> 8) & 0xff : null,
      signal: exited && (status & 0x7f) !== 0 ? status & 0x7f : null,
    });
  }
  return jobs;
}

/** Lines of `sacct -n -X -P -o JobID,State,ExitCode`; ExitCode is `code:signal`, State may read `CANCELLED by 0`. */
export function parseSacct(text: string): Map<string, SlurmJobRecord> {
  const jobs = new Map<string, SlurmJobRecord>();
  for (const line of text.split('\n')) {
    const [jobId, stateText, exit] = line.trim().split('|');
    if (!jobId || !stateText || !/^\d+$/.test(jobId)) continue;
    const [code, signal] = (exit ?? '').split(':').map(Number);
    jobs.set(jobId, {
      jobId,
      state: stateText.split(' ')[0] ?? stateText,
      exitCode: signal ? null : Number.isInteger(code) ? (code ?? null) : null,
      signal: signal || null,
    });
  }
  return jobs;
}

export interface SlurmOutcomeContext {
  taskId: string;
  /** Junction asked for the cancel (its cancel marker exists). */
  cancelled: boolean;
  maxDurationSeconds?: number;
  at: number;
}

/**
 * The terminal status of a job whose wrapper wrote no exit status, from Slurm's record alone
 * (undefined record: Slurm no longer knows the job).
 */
export function outcomeFromSlurm(record: SlurmJobRecord | undefined, context: SlurmOutcomeContext): TaskStatus {
  const { taskId, at } = context;
  if (context.cancelled) return { taskId, state: 'cancelled', message: 'cancelled', at };
  if (record === undefined) {
    return { taskId, state: 'lost', message: 'Slurm no longer knows the job and it left no exit status', at };
  }
  const job = `Slurm job ${record.jobId}`;
  switch (record.state) {
    case 'COMPLETED':
      return { taskId, state: 'succeeded', exitCode: 0, at };
    case 'TIMEOUT': {
      const limit = context.maxDurationSeconds;
      const message = `exceeded maxDuration ${limit === undefined ? '' : formatDuration(limit)}`.trimEnd();
      return { taskId, state: 'failed', message: `${message} (${job} hit its time limit)`, at };
    }
    case 'OUT_OF_MEMORY':
      return { taskId, state: 'failed', message: `${job} ran out of memory`, at };
    case 'CANCELLED':
      return { taskId, state: 'failed', message: `${job} was cancelled outside Junction`, at };
    case 'NODE_FAIL':
    case 'BOOT_FAIL':
      return { taskId, state: 'lost', message: `${job} ended with ${record.state}`, at };
  }
  if (record.signal !== null) {
    return {
      taskId,
      state: 'lost',
      message: `the Junction wrapper of ${job} was killed by signal ${record.signal} and left no exit status`,
      at,
    };
  }
  const exitCode = record.exitCode ?? 1;
  return {
    taskId,
    state: 'failed',
    exitCode,
    message: `${job} ended ${record.state} with exit code ${exitCode} before Junction's wrapper reported (see the log)`,
    at,
  };
}
