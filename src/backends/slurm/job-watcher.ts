/**
 * Watches the Slurm jobs of Junction's tasks and turns what it sees into TaskStatus events.
 *
 * Sources, in order of trust: the wrapper's status.json in the task directory (exact exit code, signal, timeout,
 * grace-period kill), its runner.json (the command has started), then Slurm's own record (squeue, or sacct where
 * accounting runs) for jobs that ended without a wrapper status or that Slurm no longer knows.
 *
 * Guarantees, per task: at most one `running` and exactly one terminal status, in that order; a task this
 * instance submitted always shows `running` before its terminal status. When slurmctld cannot be reached the
 * last known states are kept and the poll is retried; nothing is reported lost for it. A cancel is recorded in
 * the task directory first (so it reads as `cancelled` after a restart) and retried until Slurm takes it.
 *
 * A gang is one Slurm job with one task per replica: cancelling any of its tasks cancels the job, so every task
 * of it still running is marked and reported `cancelled`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { outcomeFromRunnerStatus } from '../process/outcome.js';
import {
  type CancelRequest,
  hasRunnerStatus,
  readRunnerStatus,
  taskFiles,
  wasCancelled,
  writeJsonAtomic,
} from '../process/task-files.js';
import type { TaskStatus } from '../types.js';
import type { SlurmRun } from './commands.js';
import { SlurmUnavailableError } from './errors.js';
import { outcomeFromSlurm, parseSacct, parseSqueue, phaseOf, type SlurmJobRecord, SQUEUE_FORMAT } from './job-state.js';

/** The wrapper kills the task at the end of the grace period; Slurm's own kill is the fallback if it cannot. */
const CANCEL_FALLBACK_MARGIN_MS = 2000;
/** What scancel says about a job that has already ended or that Slurm has forgotten. */
const ALREADY_ENDED = /Invalid job id|already completing or completed|Job has already finished/i;

export interface WatchedJob {
  taskId: string;
  jobId: string;
  dir: string;
  gracePeriodSeconds: number;
  maxDurationSeconds?: number;
  /** Submitted by this instance: `running` is reported before the end even if no poll saw the job run. */
  announceRunning: boolean;
  /** For a task of a gang: the task directories of every task of its Slurm job, its own included. */
  gangDirs?: readonly string[];
}

/** One per Slurm job, shared by the tasks of a gang, so the job is signalled once. */
interface CancelState {
  delivered: boolean;
  /** A poll and cancel() may both deliver; a second SIGTERM would reach the task twice. */
  delivering?: boolean;
  fallback?: NodeJS.Timeout;
}

interface Tracked extends WatchedJob {
  running: boolean;
  cancel?: CancelState;
}

export interface JobWatcherOptions {
  run: SlurmRun;
  pollIntervalMs: number;
  /** Ask sacct about jobs squeue no longer lists (only where slurmdbd runs). */
  accounting: boolean;
  now: () => number;
  /** Told about failed polls (the watcher keeps going). */
  onPollError?: (error: Error) => void;
}

export class SlurmJobWatcher {
  readonly #options: JobWatcherOptions;
  readonly #listeners = new Set<(status: TaskStatus) => void>();
  readonly #tracked = new Map<string, Tracked>();
  readonly #ended = new Set<string>();
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(options: JobWatcherOptions) {
    this.#options = options;
  }

  watch(listener: (status: TaskStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  isWatching(taskId: string): boolean {
    return this.#tracked.has(taskId);
  }

  knows(taskId: string): boolean {
    return this.#tracked.has(taskId) || this.#ended.has(taskId);
  }

  track(job: WatchedJob): void {
    if (this.#closed || this.knows(job.taskId)) return;
    this.#tracked.set(job.taskId, { ...job, running: false });
    this.#schedule(0);
  }

  /** Reports a terminal status for a task that cannot be watched at all (e.g. an unreadable handle). */
  report(status: TaskStatus): void {
    this.#ended.add(status.taskId);
    this.#emit(status);
  }

  async cancel(taskId: string): Promise<void> {
    const job = this.#tracked.get(taskId);
    if (job === undefined || job.cancel !== undefined) return;
    const cancel: CancelState = { delivered: false };
    const request: CancelRequest = {
      requestedAt: new Date(this.#options.now()).toISOString(),
      gracePeriodSeconds: job.gracePeriodSeconds,
    };
    // A task of the gang that has already ended keeps its own outcome.
    for (const dir of job.gangDirs ?? [job.dir]) {
      if (!wasCancelled(dir) && (dir === job.dir || !hasRunnerStatus(dir)))
        writeJsonAtomic(taskFiles.cancel(dir), request);
    }
    for (const other of this.#sameJob(job.jobId)) other.cancel ??= cancel;
    job.cancel = cancel;
    await this.#deliverCancel(job);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const job of this.#tracked.values()) clearTimeout(job.cancel?.fallback);
    this.#tracked.clear();
    this.#listeners.clear();
  }

  #sameJob(jobId: string): Tracked[] {
    return [...this.#tracked.values()].filter((t) => t.jobId === jobId);
  }

  /**
   * A started task gets SIGTERM through its wrapper alone, which relays it once and kills after the grace period;
   * a task still waiting is simply removed from the queue.
   */
  async #deliverCancel(job: Tracked): Promise<void> {
    const cancel = job.cancel;
    if (cancel === undefined || cancel.delivered || cancel.delivering || !this.#tracked.has(job.taskId)) return;
    const dirs = job.gangDirs ?? [job.dir];
    let started = job.running || dirs.some((dir) => existsSync(join(dir, 'runner.json')));
    cancel.delivering = true;
    try {
      if (started) started = await this.#signalWrapper(job);
      if (!started) await this.#options.run('scancel', [job.jobId]);
    } catch (error) {
      if (error instanceof SlurmUnavailableError) return;
      // The job has already ended or is gone; the poll reports how it ended.
      if (!ALREADY_ENDED.test((error as Error).message)) throw error;
    } finally {
      cancel.delivering = false;
    }
    cancel.delivered = true;
    if (started) {
      cancel.fallback = setTimeout(
        () => {
          if (this.#sameJob(job.jobId).length === 0) return;
          this.#options.run('scancel', [job.jobId]).catch((error: Error) => this.#options.onPollError?.(error));
        },
        job.gracePeriodSeconds * 1000 + CANCEL_FALLBACK_MARGIN_MS,
      );
    }
  }

  /**
   * SIGTERM to the wrappers alone: the batch script's for a single task, the srun step's tasks for a gang;
   * false when Slurm refuses (the job is no longer running), so it is cancelled whole.
   */
  async #signalWrapper(job: Tracked): Promise<boolean> {
    const target = job.gangDirs === undefined ? ['--batch'] : [];
    try {
      await this.#options.run('scancel', [...target, '--signal=TERM', job.jobId]);
      return true;
    } catch (error) {
      if (error instanceof SlurmUnavailableError) throw error;
      return false;
    }
  }

  #schedule(delayMs: number): void {
    if (this.#closed || this.#timer !== undefined || this.#tracked.size === 0) return;
    this.#timer = setTimeout(async () => {
      try {
        await this.#poll();
      } catch (error) {
        this.#options.onPollError?.(error as Error);
      } finally {
        this.#timer = undefined;
        this.#schedule(this.#options.pollIntervalMs);
      }
    }, delayMs);
  }

  async #poll(): Promise<void> {
    for (const job of [...this.#tracked.values()]) {
      if (this.#finishFromFiles(job)) continue;
      if (!job.running && existsSync(join(job.dir, 'runner.json'))) this.#markRunning(job);
    }
    const jobs = [...this.#tracked.values()];
    if (jobs.length === 0) return;
    let records: Map<string, SlurmJobRecord>;
    try {
      records = await this.#squeue([...new Set(jobs.map((j) => j.jobId))]);
    } catch (error) {
      // The controller is away: keep every state as it was and ask again on the next poll.
      this.#options.onPollError?.(error as Error);
      return;
    }
    const unknown: Tracked[] = [];
    for (const job of jobs) {
      if (!this.#tracked.has(job.taskId)) continue;
      if (job.cancel && !job.cancel.delivered) await this.#deliverCancel(job);
      const record = records.get(job.jobId);
      if (record === undefined) {
        unknown.push(job);
        continue;
      }
      const phase = phaseOf(record.state);
      if (phase === 'running') this.#markRunning(job);
      if (phase === 'ended' && !this.#finishFromFiles(job)) this.#finish(job, this.#slurmOutcome(job, record));
    }
    if (unknown.length === 0) return;
    const accounted = this.#options.accounting
      ? await this.#sacct([...new Set(unknown.map((j) => j.jobId))])
      : new Map();
    for (const job of unknown) {
      if (!this.#finishFromFiles(job)) this.#finish(job, this.#slurmOutcome(job, accounted.get(job.jobId)));
    }
  }

  async #squeue(jobIds: string[]): Promise<Map<string, SlurmJobRecord>> {
    try {
      return parseSqueue(
        await this.#options.run('squeue', ['-h', '--states=all', `--jobs=${jobIds.join(',')}`, '-O', SQUEUE_FORMAT]),
      );
    } catch (error) {
      // squeue refuses a list in which it knows no job at all; that is an answer, not a failure.
      if (!(error instanceof SlurmUnavailableError) && /Invalid job id/i.test((error as Error).message))
        return new Map();
      throw error;
    }
  }

  async #sacct(jobIds: string[]): Promise<Map<string, SlurmJobRecord>> {
    try {
      const args = ['-n', '-X', '-P', '-o', 'JobID,State,ExitCode', `--jobs=${jobIds.join(',')}`];
      return parseSacct(await this.#options.run('sacct', args));
    } catch (error) {
      this.#options.onPollError?.(error as Error);
      return new Map();
    }
  }

  #slurmOutcome(job: Tracked, record: SlurmJobRecord | undefined): TaskStatus {
    return outcomeFromSlurm(record, {
      taskId: job.taskId,
      cancelled: wasCancelled(job.dir),
      maxDurationSeconds: job.maxDurationSeconds,
      at: this.#options.now(),
    });
  }

  /** Ends the task from the wrapper's status.json when there is one. */
  #finishFromFiles(job: Tracked): boolean {
    let status: TaskStatus;
    try {
      const runnerStatus = readRunnerStatus(job.dir);
      if (runnerStatus === undefined) return false;
      status = outcomeFromRunnerStatus(runnerStatus, {
        taskId: job.taskId,
        cancelled: wasCancelled(job.dir),
        maxDurationSeconds: job.maxDurationSeconds,
        at: this.#options.now(),
      });
    } catch (error) {
      status = { taskId: job.taskId, state: 'lost', message: (error as Error).message, at: this.#options.now() };
    }
    this.#finish(job, status);
    return true;
  }

  #markRunning(job: Tracked): void {
    if (job.running) return;
    job.running = true;
    this.#emit({ taskId: job.taskId, state: 'running', at: this.#options.now() });
  }

  #finish(job: Tracked, status: TaskStatus): void {
    if (!this.#tracked.has(job.taskId)) return;
    if (job.announceRunning) this.#markRunning(job);
    this.#tracked.delete(job.taskId);
    if (this.#sameJob(job.jobId).length === 0) clearTimeout(job.cancel?.fallback);
    this.#ended.add(job.taskId);
    this.#emit(status);
  }

  #emit(status: TaskStatus): void {
    for (const listener of [...this.#listeners]) listener(status);
  }
}
