/**
 * Following a job to its end: a progress line while it waits, its logs while it runs (across
 * retries, each line printed once), then the final job. Ctrl-C stops following, never the job.
 */
import type { JobView } from '../server/api-types.js';
import { TERMINAL_JOB_PHASES } from '../store/types.js';
import type { CliContext } from './context.js';
import { EXIT } from './errors.js';
import { type OutStream, sleep, writeAll } from './io.js';
import { ProgressLine } from './progress.js';

export interface FollowOptions {
  /** Which replica's logs to stream; the server's default (0) when absent. */
  replica?: number;
  /** Where the logs go: stdout normally, stderr when stdout is reserved for `-o json`. */
  logs: OutStream;
}

export type FollowOutcome = { kind: 'finished'; job: JobView } | { kind: 'interrupted' };

/** The exit code `submit --follow` hands on: 0, the job's own exit code, or 130 for a cancelled job. */
export function jobExitCode(job: JobView): number {
  switch (job.status.phase) {
    case 'Succeeded':
      return EXIT.ok;
    case 'Cancelled':
      return EXIT.interrupted;
    case 'Failed': {
      const code = job.status.exitCode;
      // A failure must never read as success, and shells only carry 1..255.
      return code !== null && code > 0 && code <= 255 ? code : EXIT.error;
    }
    default:
      return EXIT.error;
  }
}

export function waitingText(job: JobView): string {
  return `waiting: ${job.status.message ?? job.status.reason ?? 'pending'}`;
}

/**
 * Follows job `id` until it is terminal (resolves `finished` with the final JobView) or Ctrl-C
 * (resolves `interrupted`; the job is left alone). Relies on the server's follow stream replaying the
 * log from the first attempt: a reopened stream skips what was already printed.
 */
export async function followJob(ctx: CliContext, id: string, options: FollowOptions): Promise<FollowOutcome> {
  const { io } = ctx;
  const client = ctx.client();
  const controller = new AbortController();
  const { signal } = controller;
  const stopListening = io.onInterrupt(() => controller.abort());
  const progress = new ProgressLine(io.stderr);
  let printed = 0;

  // A follow stream replays the job's log from its first attempt, so after a reconnect the part
  // already printed is skipped.
  async function streamLogs(): Promise<number> {
    let skip = printed;
    let written = 0;
    for await (const chunk of await client.logs(id, { follow: true, replica: options.replica, signal })) {
      let text = chunk;
      if (skip > 0) {
        const cut = Math.min(skip, text.length);
        text = text.slice(cut);
        skip -= cut;
      }
      if (!text) continue;
      await writeAll(options.logs, text);
      printed += text.length;
      written += text.length;
    }
    return written;
  }

  try {
    for (;;) {
      const job = await client.getJob(id, signal);
      if (job.status.phase === 'Pending') {
        progress.update(waitingText(job));
        await sleep(io.pollIntervalMs, signal);
        continue;
      }
      progress.stop();
      // For a job that already ended this prints what is still unseen (all of it, when the job ran
      // and ended between two polls) and returns at once.
      const written = await streamLogs();
      if (TERMINAL_JOB_PHASES.has(job.status.phase)) return { kind: 'finished', job };
      // The stream ended while the job goes on (a retry, or the server closed it early): look again,
      // and not in a tight loop.
      if (written === 0) await sleep(io.pollIntervalMs, signal);
    }
  } catch (error) {
    if (signal.aborted) return { kind: 'interrupted' };
    throw error;
  } finally {
    stopListening();
    progress.stop();
    if (signal.aborted) {
      io.stderr.write(`\nstopped following; job ${id} keeps running (\`junction cancel ${id}\` stops it)\n`);
    }
  }
}
