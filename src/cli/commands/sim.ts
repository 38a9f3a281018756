/**
 * `junction sim fgd`: the FGD paper's packing experiment on an Alibaba GPU trace, run offline
 * with Junction's scheduler. Prints the unallocated GPU % at 100 % and 130 % arrived per policy
 * and writes the curves (SVG and CSV) into --out.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { type CliContext, useColor } from '../context.js';
import { UsageError } from '../errors.js';
import { renderTable } from '../format.js';
import { registerSimFederation } from './sim-federation.js';
import { registerSimReplay } from './sim-replay.js';

/** `42-51` or `42,43,50` (or both, comma-separated). */
export function parseSeeds(text: string): number[] {
  const seeds: number[] = [];
  for (const part of text.split(',')) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!range) throw new InvalidArgumentError(`"${part}" is not a seed or a range like 42-51`);
    const from = Number(range[1]);
    const to = range[2] === undefined ? from : Number(range[2]);
    if (to < from || to - from > 10_000) throw new InvalidArgumentError(`"${part}" is not a usable range`);
    for (let s = from; s <= to; s++) seeds.push(s);
  }
  return seeds;
}

function parsePolicies(text: string): string[] {
  const names = text
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
  if (names.length === 0) throw new InvalidArgumentError('name at least one policy');
  return names;
}

interface FgdOptions {
  nodes: string;
  pods: string;
  policy: string[];
  seeds: number[];
  format: 'table' | 'json';
  out: string;
  inflation: number;
}

export function registerSimCommands(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  const sim = program.command('sim').description('offline simulations of the scheduler on public traces');
  registerSimReplay(sim, ctx);
  registerSimFederation(sim, ctx);

  sim
    .command('fgd')
    .description("the FGD paper's packing experiment: unallocated GPU % as pods arrive, per placement policy")
    .requiredOption('--nodes <file>', 'node list CSV (e.g. openb_node_list_gpu_node.csv)')
    .requiredOption('--pods <file>', 'pod list CSV (e.g. openb_pod_list_default.csv)')
    .option(
      '--policy <names>',
      "policies, comma-separated (default: Junction's default profile; e.g. default,fgd,best-fit to compare)",
      parsePolicies,
      ['default'],
    )
    .option('--seeds <list>', 'seeds: a range like 42-51 or a list', parseSeeds, parseSeeds('42-51'))
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--out <dir>', 'where the SVG and CSV go', './sim-out')
    .option('--inflation <x>', 'arrived demand to stop at, × GPU capacity', parseInflation, 1.3)
    .action(async (options: FgdOptions) => {
      const [{ readNodeList, readPodList }, { runFgdExperiment, UnknownPolicyError }, { curvesCsv, curvesSvg }] =
        await Promise.all([
          import('../../sim/read-trace.js'),
          import('../../sim/fgd-experiment.js'),
          import('../../sim/report.js'),
        ]);
      const { TraceFormatError } = await import('../../sim/trace.js');
      let results: import('../../sim/fgd-experiment.js').PolicyResult[];
      try {
        const nodes = readNodeList(options.nodes);
        const pods = readPodList(options.pods);
        results = runFgdExperiment({
          nodes,
          pods,
          policies: options.policy,
          seeds: options.seeds,
          inflation: options.inflation,
          onRun: (policy, run) => {
            if (options.format === 'table') io.stderr.write(`${policy} seed ${run.seed}: ${run.failed} failed\n`);
          },
        });
      } catch (error) {
        if (error instanceof TraceFormatError || error instanceof UnknownPolicyError) {
          throw new UsageError(error.message);
        }
        if (error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'EACCES')) {
          throw new UsageError(error.message);
        }
        throw error;
      }
      mkdirSync(options.out, { recursive: true });
      const title = `Unallocated GPU vs arrived demand: ${options.pods.split(/[\\/]/).pop() ?? options.pods}`;
      writeFileSync(join(options.out, 'fgd-curves.svg'), curvesSvg(results, title));
      writeFileSync(join(options.out, 'fgd-curves.csv'), curvesCsv(results));
      if (options.format === 'json') {
        for (const r of results) {
          const { runs, curveMean: _m, curveMedian: _d, ...summary } = r;
          io.stdout.write(`${JSON.stringify({ ...summary, failed: runs.map((run) => run.failed) })}\n`);
        }
        return;
      }
      const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '-');
      const rows = results.map((r) => [
        r.policy,
        fmt(r.unallocatedGpuPct['100']),
        fmt(r.medianUnallocatedGpuPct['100']),
        fmt(r.unallocatedGpuPct['130']),
        fmt(r.medianUnallocatedGpuPct['130']),
      ]);
      io.stdout.write(
        renderTable(['POLICY', '@100% MEAN', '@100% MEDIAN', '@130% MEAN', '@130% MEDIAN'], rows, {
          color: useColor(io),
        }),
      );
      io.stdout.write(
        `unallocated GPU % over ${options.seeds.length} seed(s); curves in ${join(options.out, 'fgd-curves.svg')} and .csv\n`,
      );
    });
}

function parseInflation(text: string): number {
  const x = Number(text);
  if (!Number.isFinite(x) || x < 1 || x > 10) throw new InvalidArgumentError('must be a number from 1 to 10');
  return x;
}
