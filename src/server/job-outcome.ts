/**
 * What a job's current attempt amounts to, given its tasks: a pure decision the controller
 * acts on. A gang lives and dies together: one failed replica stops the others.
 */
import { TERMINAL_TASK_STATES } from '../backends/types.js';
import type { JobRecord, TaskRecord } from '../store/types.js';

export type JobOutcome =
  | { kind: 'running' }
  /** A replica failed while others still run: stop them, the attempt has failed. */
  | { kind: 'stop-gang'; message: string }
  | { kind: 'succeeded' }
  | { kind: 'cancelled' }
  | { kind: 'retry'; message: string }
  | { kind: 'failed'; reason: string; message: string; exitCode: number | null };

function isTerminal(task: TaskRecord): boolean {
  return task.state !== 'pending' && TERMINAL_TASK_STATES.has(task.state);
}

function describeFailure(task: TaskRecord): string {
  const what =
    task.state === 'lost' ? 'was lost' : task.exitCode !== null ? `exited with code ${task.exitCode}` : `failed`;
  return `replica ${task.replica} ${what}${task.message ? ` (${task.message})` : ''}`;
}

export function jobOutcome(job: JobRecord, tasks: readonly TaskRecord[]): JobOutcome {
  const current = tasks.filter((t) => t.attempt === job.attempt);
  const firstFailure = current
    .filter((t) => t.state === 'failed' || t.state === 'lost')
    .sort((a, b) => (a.finishedAt ?? '').localeCompare(b.finishedAt ?? '') || a.replica - b.replica)[0];
  if (current.some((t) => !isTerminal(t))) {
    if (firstFailure && !job.cancelRequested) {
      return { kind: 'stop-gang', message: `${describeFailure(firstFailure)}; stopping the other replicas` };
    }
    return { kind: 'running' };
  }
  if (job.cancelRequested) return { kind: 'cancelled' };
  if (current.length > 0 && current.every((t) => t.state === 'succeeded')) return { kind: 'succeeded' };
  const cause = firstFailure ? describeFailure(firstFailure) : 'the attempt ended without success';
  const retries = job.spec.runtime.retries;
  const used = job.attempt - 1;
  if (used < retries) {
    return {
      kind: 'retry',
      message: `attempt ${job.attempt} failed: ${cause}; retrying (${used + 1} of ${retries} retries)`,
    };
  }
  return {
    kind: 'failed',
    reason: firstFailure?.state === 'lost' ? 'TaskLost' : firstFailure?.exitCode != null ? 'ExitCode' : 'TaskFailed',
    message: retries > 0 ? `${cause}; no retries left (${retries} used)` : cause,
    exitCode: firstFailure?.exitCode ?? null,
  };
}
