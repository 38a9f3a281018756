/**
 * Test support for process backends: what the backend contract's `loseTask` hook needs.
 */
import { parseHandle } from './handle.js';

/** Kills a task's runner and everything in its group at once, so no status is written: a crash, as the contract needs it. */
export async function loseProcessTask(handle: string): Promise<void> {
  const parsed = parseHandle(handle);
  if ('error' in parsed) throw new Error(parsed.error);
  process.kill(-parsed.pid, 'SIGKILL');
}
