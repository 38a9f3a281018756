/** `junction plan SPEC`: where a job would go across the federation, and why each other place lost. */
import type { Command } from 'commander';
import { type CliContext, outputOption } from '../context.js';
import { EXIT } from '../errors.js';
import { renderTable, serialize } from '../format.js';
import { readSpecSource, specContentType } from './submit.js';

function hours(seconds: number): string {
  return seconds >= 3600 ? `${(seconds / 3600).toFixed(1)}h` : `${Math.round(seconds / 60)}m`;
}

export function registerPlan(program: Command, ctx: CliContext): void {
  program
    .command('plan')
    .description('rank the sites and device models a job spec could use: start, duration, cost, and why each lost')
    .argument('<file>', 'the job spec, or - for stdin')
    .addOption(outputOption(['json']))
    .action(async (file: string, options: { output?: 'json' }) => {
      const { io } = ctx;
      const text = await readSpecSource(ctx, file);
      const plan = await ctx.client().plan(text, specContentType(file, text));
      if (options.output === 'json') {
        io.stdout.write(serialize(plan, 'json'));
      } else {
        const rows = plan.ranked.map((c, i) => {
          const p = c.prediction;
          return [
            c.feasible ? String(i + 1) : '-',
            c.site,
            c.model,
            p ? new Date(p.start).toISOString().slice(0, 16).replace('T', ' ') : '',
            p ? hours(p.durationSeconds) : '',
            p ? `${p.cost.toFixed(2)} ${p.currency}` : '',
            c.reason,
          ];
        });
        io.stdout.write(`objective: ${plan.objective}\n`);
        io.stdout.write(
          `${renderTable(['#', 'SITE', 'MODEL', 'START (UTC)', 'DURATION', 'COST', 'WHY'], rows, { color: false })}\n`,
        );
        for (const note of plan.notes) io.stdout.write(`note: ${note}\n`);
        if (plan.refusal) io.stderr.write(`no feasible placement: ${plan.refusal}\n`);
      }
      if (!plan.chosen) ctx.exitCode = EXIT.error;
    });
}
