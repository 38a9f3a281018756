/**
 * `junction spec schema` and `junction spec validate FILE`: both work offline, with the same
 * parser and context the server uses.
 */
import type { Command } from 'commander';
import { type CliContext, outputOption } from '../context.js';
import { EXIT, formatIssue } from '../errors.js';
import { formatCpu, formatMiB, serialize } from '../format.js';
import { describeAccelerators } from '../job-views.js';
import { readSpecSource, specContentType } from './submit.js';

export function registerSpecCommands(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  const spec = program.command('spec').description('the job spec: its schema, and checking a file offline');

  spec
    .command('schema')
    .description('print the JSON Schema of the job spec')
    .action(async () => {
      const { jobSpecJsonSchema } = await import('../../spec/json-schema.js');
      io.stdout.write(serialize(jobSpecJsonSchema(), 'json'));
    });

  spec
    .command('validate')
    .description('check a job spec without submitting it (- reads stdin)')
    .argument('<file>', 'the job spec, or - for stdin')
    .addOption(outputOption(['json']))
    .action(async (file: string, options: { output?: 'json' }) => {
      const text = await readSpecSource(ctx, file);
      const label = file === '-' ? 'stdin' : file;
      // Loaded here only: the catalog and vendor registry behind the context are not small.
      const [{ parseJobSpec }, { defaultSpecContext }] = await Promise.all([
        import('../../spec/parse.js'),
        import('../../server/spec-context.js'),
      ]);
      const format = specContentType(file, text) === 'application/json' ? 'json' : 'auto';
      const result = parseJobSpec(text, defaultSpecContext(), format);
      if (options.output === 'json') io.stdout.write(serialize(result, 'json'));
      if (!result.ok) {
        for (const issue of result.issues) io.stderr.write(`${formatIssue(issue)}\n`);
        io.stderr.write(`${label}: invalid (${result.issues.length} issue${result.issues.length === 1 ? '' : 's'})\n`);
        ctx.exitCode = EXIT.usage;
        return;
      }
      if (options.output === 'json') return;
      const { name, queue, resources } = result.spec;
      const per = resources.perReplica;
      io.stdout.write(
        `${label}: valid: job ${name} in queue ${queue}, ${resources.replicas} replica(s) × ` +
          `${formatCpu(per.cpuMillis)} cpu, ${formatMiB(per.memoryMiB)}, ${describeAccelerators(per.accelerators)}\n`,
      );
    });
}
