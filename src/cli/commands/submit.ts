/**
 * `junction submit FILE [--follow] [-o json]`: sends a spec as written; prints the job id
 * (only the id, so `id=$(junction submit job.yaml)` works) or follows the job to its end.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Command } from 'commander';
import type { JobView } from '../../server/api-types.js';
import { type CliContext, outputOption } from '../context.js';
import { EXIT, UsageError } from '../errors.js';
import { followJob, jobExitCode } from '../follow.js';
import { formatAge, oneLine, serialize } from '../format.js';
import { readAll } from '../io.js';

interface SubmitOptions {
  follow?: boolean;
  output?: 'json';
}

/** The spec text of FILE, or of stdin for `-`. */
export async function readSpecSource(ctx: CliContext, file: string): Promise<string> {
  if (file === '-') return readAll(ctx.io.stdin);
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    if (code === 'ENOENT') throw new UsageError(`cannot read ${file}: no such file`);
    if (code === 'EISDIR') throw new UsageError(`cannot read ${file}: it is a directory`);
    throw error;
  }
}

/** By extension: `.json` is JSON, everything else YAML; stdin is sniffed (JSON starts with `{`). */
export function specContentType(file: string, text: string): string {
  const json = file === '-' ? text.trimStart().startsWith('{') : extname(file).toLowerCase() === '.json';
  return json ? 'application/json' : 'application/yaml';
}

function finalLine(job: JobView, now: Date): string {
  const { phase, reason, message } = job.status;
  const why = [reason, oneLine(message)].filter(Boolean).join(': ');
  const { startedAt, finishedAt } = job.status;
  const took = startedAt ? ` after ${formatAge(startedAt, finishedAt ? new Date(finishedAt) : now)}` : '';
  const exit = phase === 'Failed' ? `; exit code ${jobExitCode(job)}` : '';
  return `job ${job.id} ${phase}${took}${why ? ` (${why})` : ''}${exit}\n`;
}

export function registerSubmit(program: Command, ctx: CliContext): void {
  program
    .command('submit')
    .description('submit a job spec (YAML or JSON; - reads stdin) and print the job id')
    .argument('<file>', 'the job spec, or - for stdin')
    .option('-f, --follow', "stream the job's logs until it ends, then exit with its exit code")
    .addOption(outputOption(['json']))
    .action(async (file: string, options: SubmitOptions) => {
      const { io } = ctx;
      const text = await readSpecSource(ctx, file);
      const job = await ctx.client().submitJob(text, specContentType(file, text));
      if (!options.follow) {
        io.stdout.write(options.output === 'json' ? serialize(job, 'json') : `${job.id}\n`);
        return;
      }
      io.stderr.write(`submitted ${job.id}\n`);
      // With -o json stdout carries only the final JobView, so the logs go to stderr.
      const outcome = await followJob(ctx, job.id, { logs: options.output === 'json' ? io.stderr : io.stdout });
      if (outcome.kind === 'interrupted') {
        ctx.exitCode = EXIT.interrupted;
        return;
      }
      io.stderr.write(finalLine(outcome.job, io.now()));
      if (options.output === 'json') io.stdout.write(serialize(outcome.job, 'json'));
      ctx.exitCode = jobExitCode(outcome.job);
    });
}
