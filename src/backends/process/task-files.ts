/**
 * The files of one process task, under `<dataDir>/tasks/<taskId>/`. They are the only state shared
 * between the supervisor and the detached runner, and what a restarted server reads back.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the runner reads (task.json). */
export interface RunnerTask {
  command: string[];
  env: Record<string, string>;
  workingDir?: string;
  gracePeriodSeconds: number;
  maxDurationSeconds?: number;
}

/** What the runner writes when the task ends (status.json). */
export interface RunnerStatus {
  exitCode: number | null;
  signal: string | null;
  reason: 'exited' | 'timeout' | 'spawn-error';
  message: string;
  finishedAt: string;
}

/** Written by the supervisor before it signals a task, so the end reads as `cancelled` even after a restart. */
export interface CancelRequest {
  requestedAt: string;
  gracePeriodSeconds: number;
}

export const taskFiles = {
  dir: (dataDir: string, taskId: string) => join(dataDir, 'tasks', taskId),
  task: (dir: string) => join(dir, 'task.json'),
  log: (dir: string) => join(dir, 'output.log'),
  status: (dir: string) => join(dir, 'status.json'),
  cancel: (dir: string) => join(dir, 'cancel.json'),
};

export function writeJsonAtomic(path: string, value: unknown): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(value)}\n`);
  renameSync(temp, path);
}

function readJsonIfExists(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return JSON.parse(text);
}

/** The runner's final status, or undefined while the task is still running. Throws when the file is malformed. */
export function readRunnerStatus(dir: string): RunnerStatus | undefined {
  const value = readJsonIfExists(taskFiles.status(dir));
  if (value === undefined) return undefined;
  const status = value as Partial<RunnerStatus>;
  if (typeof status !== 'object' || status === null || typeof status.reason !== 'string') {
    throw new Error(`malformed ${taskFiles.status(dir)}`);
  }
  return {
    exitCode: typeof status.exitCode === 'number' ? status.exitCode : null,
    signal: typeof status.signal === 'string' ? status.signal : null,
    reason: status.reason,
    message: typeof status.message === 'string' ? status.message : '',
    finishedAt: typeof status.finishedAt === 'string' ? status.finishedAt : '',
  };
}

export function hasRunnerStatus(dir: string): boolean {
  return existsSync(taskFiles.status(dir));
}

export function wasCancelled(dir: string): boolean {
  return existsSync(taskFiles.cancel(dir));
}

export function readRunnerTask(dir: string): RunnerTask | undefined {
  return readJsonIfExists(taskFiles.task(dir)) as RunnerTask | undefined;
}
