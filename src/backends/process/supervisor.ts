/**
 * The process supervisor shared by the local and emulated backends.
 *
 * Each task runs under a detached runner (./task-runner.js) that owns a process group, so the task
 * outlives the control plane. Everything the supervisor knows about a task is in its directory
 * (see ./task-files.ts) and in the handle, so a new supervisor on the same data directory can
 * `reattach` after a crash.
 *
 * Guarantees, per task: `running` is emitted once after submit or reattach; exactly one terminal
 * status follows. `cancel` is idempotent and reports `cancelled`, never `failed`.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readLogFile } from '../log-file.js';
import type { LogOptions, TaskStatus } from '../types.js';
import { formatHandle, isRunnerAlive, parseHandle, type RunnerHandle, readProcessStartTime } from './handle.js';
import { outcomeFromRunnerStatus, outcomeWithoutStatus } from './outcome.js';
import {
  type CancelRequest,
  hasRunnerStatus,
  type RunnerTask,
  readRunnerStatus,
  readRunnerTask,
  taskFiles,
  wasCancelled,
  writeJsonAtomic,
} from './task-files.js';

const RUNNER_PATH = fileURLToPath(new URL('./task-runner.js', import.meta.url));
/** Task ids name directories; nothing that could climb out of `<dataDir>/tasks/`. */
const SAFE_TASK_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;
/** The runner kills the group itself at the end of the grace period; this is the fallback if it cannot. */
const KILL_FALLBACK_MARGIN_MS = 1000;

export interface SupervisorOptions {
  dataDir: string;
  pollIntervalMs?: number;
  now?: () => number;
}

export interface LaunchRequest extends RunnerTask {
  taskId: string;
}

interface WatchedTask {
  taskId: string;
  handle: RunnerHandle;
  gracePeriodSeconds: number;
  maxDurationSeconds?: number;
  killTimer?: NodeJS.Timeout;
}

export class ProcessSupervisor {
  readonly #dataDir: string;
  readonly #pollIntervalMs: number;
  readonly #now: () => number;
  readonly #listeners = new Set<(status: TaskStatus) => void>();
  /** Tasks still running, as far as this supervisor knows. */
  readonly #watched = new Map<string, WatchedTask>();
  /** Tasks this supervisor has seen end; cancel and logs use it. */
  readonly #ended = new Map<string, RunnerHandle>();
  #poller: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(options: SupervisorOptions) {
    this.#dataDir = options.dataDir;
    this.#pollIntervalMs = options.pollIntervalMs ?? 100;
    this.#now = options.now ?? Date.now;
  }

  watch(listener: (status: TaskStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async submit(request: LaunchRequest): Promise<{ handle: string }> {
    this.#assertOpen();
    const dir = this.#taskDir(request.taskId);
    mkdirSync(dir, { recursive: true });
    if (hasRunnerStatus(dir) || this.#watched.has(request.taskId)) {
      throw new Error(`task ${request.taskId} was already submitted (${dir})`);
    }
    const { taskId: _, ...task } = request;
    writeJsonAtomic(taskFiles.task(dir), task);

    const logFd = openSync(taskFiles.log(dir), 'a');
    let pid: number;
    try {
      pid = await spawnRunner(dir, logFd);
    } finally {
      closeSync(logFd);
    }
    const handle: RunnerHandle = { pid, startTime: readProcessStartTime(pid), dir };
    this.#track(request.taskId, handle, task);
    return { handle: formatHandle(handle) };
  }

  async reattach(taskId: string, handleText: string): Promise<void> {
    this.#assertOpen();
    if (this.#watched.has(taskId) || this.#ended.has(taskId)) return;
    const handle = parseHandle(handleText);
    if ('error' in handle) {
      this.#emit({ taskId, state: 'lost', message: handle.error, at: this.#now() });
      return;
    }
    let task: RunnerTask | undefined;
    try {
      task = readRunnerTask(handle.dir);
    } catch (error) {
      this.#ended.set(taskId, handle);
      this.#emit({
        taskId,
        state: 'lost',
        message: `unreadable task files: ${(error as Error).message}`,
        at: this.#now(),
      });
      return;
    }
    if (task === undefined) {
      this.#ended.set(taskId, handle);
      this.#emit({ taskId, state: 'lost', message: `task directory ${handle.dir} is gone`, at: this.#now() });
      return;
    }
    const entry = this.#entry(taskId, handle, task);
    if (hasRunnerStatus(handle.dir) || !isRunnerAlive(handle)) {
      this.#finish(entry);
      return;
    }
    this.#track(taskId, handle, task);
  }

  /** Asks the task to stop: SIGTERM to the runner's group now, SIGKILL after the grace period. */
  async cancel(taskId: string): Promise<void> {
    const entry = this.#watched.get(taskId);
    if (entry === undefined || entry.killTimer !== undefined) return;
    const { dir } = entry.handle;
    if (hasRunnerStatus(dir)) return;
    // Cancelled before a restart: the task already has its SIGTERM and the runner its kill timer.
    if (!wasCancelled(dir)) {
      const request: CancelRequest = {
        requestedAt: new Date(this.#now()).toISOString(),
        gracePeriodSeconds: entry.gracePeriodSeconds,
      };
      writeJsonAtomic(taskFiles.cancel(dir), request);
      if (!isRunnerAlive(entry.handle)) return;
      signalGroup(entry.handle.pid, 'SIGTERM');
    }
    entry.killTimer = setTimeout(
      () => {
        if (isRunnerAlive(entry.handle)) signalGroup(entry.handle.pid, 'SIGKILL');
      },
      entry.gracePeriodSeconds * 1000 + KILL_FALLBACK_MARGIN_MS,
    );
  }

  /**
   * Yields the task's log; with `follow`, until the task has ended and the log is drained. A task this
   * supervisor does not watch (not submitted or reattached here) counts as ended.
   */
  async *logs(taskId: string, options: LogOptions = {}): AsyncIterable<string> {
    const dir = this.#watched.get(taskId)?.handle.dir ?? this.#ended.get(taskId)?.dir ?? this.#taskDir(taskId);
    yield* readLogFile(taskFiles.log(dir), {
      ...options,
      // The log is created before the runner starts, so a missing one means there is nothing to wait for.
      ended: () => !this.#watched.has(taskId),
      pollIntervalMs: this.#pollIntervalMs,
    });
  }

  /** Stops watching; running tasks keep running. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#stopPolling();
    for (const entry of this.#watched.values()) clearTimeout(entry.killTimer);
    this.#watched.clear();
    this.#listeners.clear();
  }

  #taskDir(taskId: string): string {
    if (!SAFE_TASK_ID.test(taskId)) throw new Error(`task id ${JSON.stringify(taskId)} is not a safe directory name`);
    return taskFiles.dir(this.#dataDir, taskId);
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('process supervisor is closed');
  }

  #entry(taskId: string, handle: RunnerHandle, task: RunnerTask): WatchedTask {
    const entry: WatchedTask = { taskId, handle, gracePeriodSeconds: task.gracePeriodSeconds };
    if (task.maxDurationSeconds !== undefined) entry.maxDurationSeconds = task.maxDurationSeconds;
    return entry;
  }

  #track(taskId: string, handle: RunnerHandle, task: RunnerTask): void {
    this.#watched.set(taskId, this.#entry(taskId, handle, task));
    this.#emit({ taskId, state: 'running', at: this.#now() });
    this.#poller ??= setInterval(() => this.#poll(), this.#pollIntervalMs);
  }

  #poll(): void {
    for (const entry of [...this.#watched.values()]) {
      if (hasRunnerStatus(entry.handle.dir) || !isRunnerAlive(entry.handle)) this.#finish(entry);
    }
    if (this.#watched.size === 0) this.#stopPolling();
  }

  #finish(entry: WatchedTask): void {
    const { taskId, handle } = entry;
    clearTimeout(entry.killTimer);
    this.#watched.delete(taskId);
    this.#ended.set(taskId, handle);
    const context = {
      taskId,
      cancelled: wasCancelled(handle.dir),
      maxDurationSeconds: entry.maxDurationSeconds,
      at: this.#now(),
    };
    let status: TaskStatus;
    try {
      // The runner may have written its status between the liveness check and now.
      const runnerStatus = readRunnerStatus(handle.dir);
      status =
        runnerStatus === undefined
          ? outcomeWithoutStatus({ ...context, pid: handle.pid })
          : outcomeFromRunnerStatus(runnerStatus, context);
    } catch (error) {
      status = { taskId, state: 'lost', message: (error as Error).message, at: context.at };
    }
    this.#emit(status);
  }

  #emit(status: TaskStatus): void {
    for (const listener of [...this.#listeners]) listener(status);
  }

  #stopPolling(): void {
    clearInterval(this.#poller);
    this.#poller = undefined;
  }
}

function spawnRunner(dir: string, logFd: number): Promise<number> {
  return new Promise((resolve, reject) => {
    // An empty env keeps the runner's own start-up fast and free of NODE_OPTIONS; the task's env is in task.json.
    const runner = spawn(process.execPath, [RUNNER_PATH, dir], {
      detached: true,
      stdio: ['ignore', logFd, logFd],
      env: {},
    });
    runner.once('error', reject);
    runner.once('spawn', () => {
      runner.unref();
      resolve(runner.pid!);
    });
  });
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
