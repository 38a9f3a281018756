/**
 * Commands that read or act on existing jobs: ls, get, cancel, logs, events, explain.
 */
import type { Command } from 'commander';
import type { EventView, JobList, JobView } from '../../server/api-types.js';
import { type JobPhase, TERMINAL_JOB_PHASES } from '../../store/types.js';
import { type CliContext, outputOption, useColor } from '../context.js';
import { EXIT } from '../errors.js';
import { followJob } from '../follow.js';
import { serialize } from '../format.js';
import { sleep, writeAll } from '../io.js';
import { eventLine, explanationText, jobSummary, jobsTable } from '../job-views.js';
import { parseLabel, parseNonNegativeInt, parsePhases, parsePositiveInt } from '../parse-args.js';

interface LsOptions {
  phase?: JobPhase[];
  queue?: string;
  name?: string;
  label?: string[];
  limit?: number;
  all?: boolean;
  output?: 'json' | 'yaml' | 'wide';
}

/** One page, or with --all every page (then nextCursor is null). */
async function listJobs(ctx: CliContext, options: LsOptions): Promise<JobList> {
  const client = ctx.client();
  const items: JobView[] = [];
  let cursor: string | undefined;
  let nextCursor: string | null = null;
  do {
    const page = await client.listJobs({
      phases: options.phase,
      queue: options.queue,
      name: options.name,
      labels: options.label,
      limit: options.limit,
      cursor,
    });
    items.push(...page.items);
    nextCursor = page.nextCursor;
    cursor = options.all && nextCursor ? nextCursor : undefined;
  } while (cursor);
  return { items, nextCursor };
}

/** Every event after `afterSeq`, page by page until the server has no more. */
async function drainEvents(ctx: CliContext, id: string, afterSeq: number, signal?: AbortSignal): Promise<EventView[]> {
  const events: EventView[] = [];
  let seq = afterSeq;
  for (;;) {
    const page = await ctx.client().events(id, seq, signal);
    const fresh = page.items.filter((event) => event.seq > seq);
    if (fresh.length === 0) return events;
    events.push(...fresh);
    seq = Math.max(...fresh.map((event) => event.seq));
  }
}

async function followEvents(ctx: CliContext, id: string): Promise<void> {
  const { io } = ctx;
  const controller = new AbortController();
  const stopListening = io.onInterrupt(() => controller.abort());
  let seq = 0;
  try {
    for (;;) {
      // Read the phase before the events, so the events of a job that just ended are all printed.
      const job = await ctx.client().getJob(id, controller.signal);
      for (const event of await drainEvents(ctx, id, seq, controller.signal)) {
        io.stdout.write(`${eventLine(event)}\n`);
        seq = event.seq;
      }
      if (TERMINAL_JOB_PHASES.has(job.status.phase)) return;
      await sleep(io.pollIntervalMs, controller.signal);
    }
  } catch (error) {
    if (controller.signal.aborted) {
      ctx.exitCode = EXIT.interrupted;
      return;
    }
    throw error;
  } finally {
    stopListening();
  }
}

export function registerJobCommands(program: Command, ctx: CliContext): void {
  const { io } = ctx;

  program
    .command('ls')
    .description('list jobs, newest first')
    .option('--phase <phases>', `only these phases, comma-separated`, parsePhases)
    .option('--queue <queue>', 'only jobs in this queue')
    .option('--name <text>', 'only jobs whose name contains this')
    .option('--label <key=value>', 'only jobs with this label (repeatable)', parseLabel)
    .option('--limit <n>', 'at most N jobs (per page with --all)', parsePositiveInt)
    .option('--all', 'fetch every page')
    .addOption(outputOption(['json', 'yaml', 'wide']))
    .action(async (options: LsOptions) => {
      const list = await listJobs(ctx, options);
      if (options.output === 'json' || options.output === 'yaml') {
        io.stdout.write(serialize(list, options.output));
        return;
      }
      const { items } = list;
      if (items.length === 0) {
        io.stderr.write('no jobs\n');
        return;
      }
      io.stdout.write(jobsTable(items, io.now(), { wide: options.output === 'wide', color: useColor(io) }));
    });

  program
    .command('get')
    .description('show one job')
    .argument('<id>', 'job id')
    .addOption(outputOption(['json', 'yaml']))
    .action(async (id: string, options: { output?: 'json' | 'yaml' }) => {
      const job = await ctx.client().getJob(id);
      io.stdout.write(options.output ? serialize(job, options.output) : jobSummary(job, io.now()));
    });

  program
    .command('cancel')
    .description('cancel a job and print its new phase')
    .argument('<id>', 'job id')
    .addOption(outputOption(['json']))
    .action(async (id: string, options: { output?: 'json' }) => {
      const job = await ctx.client().cancelJob(id);
      if (options.output === 'json') {
        io.stdout.write(serialize(job, 'json'));
        return;
      }
      io.stdout.write(`${job.status.phase}\n`);
      if (!TERMINAL_JOB_PHASES.has(job.status.phase)) {
        io.stderr.write(`cancel requested; job ${job.id} stops within its grace period\n`);
      }
    });

  program
    .command('logs')
    .description("print a job's logs")
    .argument('<id>', 'job id')
    .option('-f, --follow', 'keep streaming until the job ends (across retries)')
    .option('--replica <n>', 'which replica (default 0)', parseNonNegativeInt)
    .action(async (id: string, options: { follow?: boolean; replica?: number }) => {
      if (options.follow) {
        const outcome = await followJob(ctx, id, { replica: options.replica, logs: io.stdout });
        if (outcome.kind === 'interrupted') ctx.exitCode = EXIT.interrupted;
        return;
      }
      for await (const chunk of await ctx.client().logs(id, { replica: options.replica })) {
        await writeAll(io.stdout, chunk);
      }
    });

  program
    .command('events')
    .description("print a job's events")
    .argument('<id>', 'job id')
    .option('-f, --follow', 'keep printing new events until the job ends')
    .addOption(outputOption(['json']))
    .action(async (id: string, options: { follow?: boolean; output?: 'json' }) => {
      if (options.follow) {
        await followEvents(ctx, id);
        return;
      }
      const items = await drainEvents(ctx, id, 0);
      if (options.output === 'json') {
        io.stdout.write(serialize({ items }, 'json'));
        return;
      }
      for (const event of items) io.stdout.write(`${eventLine(event)}\n`);
    });

  program
    .command('explain')
    .description('say why a job waits, or where it went and why')
    .argument('<id>', 'job id')
    .addOption(outputOption(['json']))
    .action(async (id: string, options: { output?: 'json' }) => {
      const explanation = await ctx.client().explain(id);
      io.stdout.write(options.output === 'json' ? serialize(explanation, 'json') : explanationText(explanation));
    });
}
