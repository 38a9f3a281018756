/**
 * The handle of a process task: what the control plane persists so a restarted server can find
 * the task's runner again. `startTime` (from /proc/<pid>/stat) guards against pid reuse.
 */
import { readFileSync } from 'node:fs';

export interface RunnerHandle {
  pid: number;
  /** Kernel start time of the runner in clock ticks since boot; null where /proc is unavailable. */
  startTime: string | null;
  /** The task directory holding task.json, output.log, runner.json, status.json. */
  dir: string;
}

export function formatHandle(handle: RunnerHandle): string {
  return JSON.stringify(handle);
}

/** Parses a handle; a malformed one yields a message instead. */
export function parseHandle(text: string): RunnerHandle | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `unreadable task handle: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null) return { error: 'unreadable task handle: not an object' };
  const { pid, startTime, dir } = value as Record<string, unknown>;
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return { error: 'task handle has no valid pid' };
  if (typeof dir !== 'string' || dir === '') return { error: 'task handle has no task directory' };
  if (startTime !== null && typeof startTime !== 'string') return { error: 'task handle has an invalid start time' };
  return { pid, startTime, dir };
}

interface ProcStat {
  state: string;
  startTime: string;
}

function readProcStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ESRCH') return undefined;
    throw error;
  }
  // Field 2 (comm) may hold spaces and parentheses; everything after the last ')' is space-separated from field 3.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const startTime = fields[19];
  return state && startTime ? { state, startTime } : undefined;
}

export function readProcessStartTime(pid: number): string | null {
  return readProcStat(pid)?.startTime ?? null;
}

/** Whether the runner named by the handle is still running (not a zombie, not a reused pid). */
export function isRunnerAlive(handle: RunnerHandle): boolean {
  try {
    process.kill(handle.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    // EPERM: the pid exists but belongs to someone else; the start time decides below.
  }
  const stat = readProcStat(handle.pid);
  if (stat === undefined) return handle.startTime === null;
  if (stat.state === 'Z' || stat.state === 'X') return false;
  return handle.startTime === null || stat.startTime === handle.startTime;
}
