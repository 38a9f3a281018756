/**
 * `junction compat …`: the adaptation center. What runs where (matrix), where a spec can run and
 * why not elsewhere (explain), probes that turn runs into evidence, certificates, and exchange of
 * knowledge between centers (export / import).
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { type CliContext, outputOption } from '../context.js';
import { EXIT, UsageError } from '../errors.js';
import { renderTable, serialize } from '../format.js';
import { readSpecSource, specContentType } from './submit.js';

export function registerCompatCommands(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  const compat = program
    .command('compat')
    .description('the adaptation center: which stack runs on which device, with evidence');

  compat
    .command('matrix')
    .description('print the compatibility matrix: device models × stacks × frameworks')
    .action(async () => {
      io.stdout.write(await ctx.client().compatMatrix());
    });

  compat
    .command('explain')
    .description('where a job spec can run, and why not elsewhere (- reads stdin)')
    .argument('<file>', 'the job spec')
    .addOption(outputOption(['json']))
    .action(async (file: string, options: { output?: 'json' }) => {
      const text = await readSpecSource(ctx, file);
      const resolution = await ctx.client().compatExplain(text, specContentType(file, text));
      if (options.output === 'json') {
        io.stdout.write(serialize(resolution, 'json'));
        return;
      }
      if (resolution.options.length === 0 && resolution.refused.length === 0) {
        io.stdout.write('this job asks for no accelerators: it can run on any node\n');
        return;
      }
      io.stdout.write(
        `can run on ${resolution.options.length} device model(s) (knowledge base revision ${resolution.revision}):\n`,
      );
      const rows = resolution.options.map((o) => [
        o.model,
        o.stackVersion === '*' ? o.stack : `${o.stack} ${o.stackVersion}`,
        o.status,
        `${o.throughput.value.toFixed(2)}${o.throughput.estimated ? ' (est.)' : ''}`,
        o.evidence,
      ]);
      io.stdout.write(
        `${renderTable(['MODEL', 'STACK', 'VERDICT', 'REL. THROUGHPUT', 'EVIDENCE'], rows, { color: false })}\n`,
      );
      if (resolution.refused.length > 0) {
        io.stdout.write(`\nnot on ${resolution.refused.length} model(s):\n`);
        for (const r of resolution.refused) io.stdout.write(`  ${r.model}: ${r.reason}\n`);
      }
    });

  compat
    .command('probe')
    .description('run a conformance probe on a node and record the evidence')
    .requiredOption('--site <site>', 'the site of the node')
    .requiredOption('--node <node>', 'the full node name, e.g. local/myhost')
    .option('--probe <name>', 'cpu or torch (default: torch on accelerator nodes, cpu otherwise)')
    .option('--fail <check>', 'force one check to fail, to exercise the failure path')
    .addOption(outputOption(['json']))
    .action(async (options: { site: string; node: string; probe?: string; fail?: string; output?: 'json' }) => {
      const result = await ctx.client().compatProbe({
        site: options.site,
        node: options.node,
        ...(options.probe !== undefined && { probe: options.probe }),
        ...(options.fail !== undefined && { failCheck: options.fail }),
      });
      if (options.output === 'json') io.stdout.write(serialize(result, 'json'));
      else {
        const k = result.key;
        io.stdout.write(
          `probe ${result.probe} on ${options.node}: ${result.outcome} (job ${result.jobId})\n` +
            `verdict ${k.model} / ${k.stack} ${k.stackVersion} / ${k.framework} ${k.frameworkVersion}: ${result.verdict?.status ?? 'unknown'} ` +
            `(knowledge base revision ${result.revision})\n`,
        );
        const m = result.evidence.measured;
        if (m) io.stdout.write(`measured ${m.metric}: ${m.value} ${m.unit}\n`);
        if (result.outcome === 'fail' && result.evidence.output)
          io.stdout.write(`output:\n${result.evidence.output}\n`);
      }
      if (result.outcome === 'fail') ctx.exitCode = EXIT.error;
    });

  compat
    .command('certificate')
    .description("a device model's compatibility certificate (Markdown or HTML)")
    .argument('<model>', 'catalog model id, e.g. nvidia-h100-sxm')
    .option('--format <format>', 'markdown or html', 'markdown')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (model: string, options: { format: string; out?: string }) => {
      if (options.format !== 'markdown' && options.format !== 'html')
        throw new UsageError('--format: use markdown or html');
      const text = await ctx.client().compatCertificate(model, options.format);
      if (options.out) await writeFile(options.out, text);
      else io.stdout.write(text);
    });

  compat
    .command('export')
    .description('the knowledge base as JSON, for another adaptation center')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (options: { out?: string }) => {
      const text = await ctx.client().compatExport();
      if (options.out) await writeFile(options.out, text);
      else io.stdout.write(text);
    });

  compat
    .command('import')
    .description("merge another adaptation center's export into this one")
    .argument('<file>', 'an exported knowledge base (JSON)')
    .action(async (file: string) => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new UsageError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
      const result = await ctx.client().compatImport(text);
      io.stdout.write(
        `imported: ${result.added} new, ${result.updated} updated, ${result.conflicts.length} conflict(s); revision ${result.revision}\n`,
      );
    });
}
