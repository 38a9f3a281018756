/**
 * `junction sim federation`: Junction's site selection and the baselines on one federated cluster,
 * throughput matrix and job list, in virtual time. Prints the metrics per policy and writes the
 * charts (SVG) and the metrics (CSV) into --out.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Command, Option } from 'commander';
import { type CliContext, useColor } from '../context.js';
import { UsageError } from '../errors.js';
import { renderTable } from '../format.js';

interface FederationOptions {
  cluster: string;
  throughput: string;
  jobs: string;
  format: 'table' | 'json';
  out: string;
}

export function registerSimFederation(sim: Command, ctx: CliContext): void {
  const { io } = ctx;
  sim
    .command('federation')
    .description("Junction's site selection vs baselines on a federated cluster, in virtual time")
    .requiredOption('--cluster <file>', 'cluster JSON: sites, regions, device pools, prices')
    .requiredOption('--throughput <file>', 'throughput JSON: job class → device model → relative throughput')
    .requiredOption('--jobs <file>', 'job list CSV')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--out <dir>', 'where the SVG and CSV go', './sim-out')
    .action(async (options: FederationOptions) => {
      const [{ readFederationInputs }, { SimInputError }, { runFederation }, { metricCharts, metricsCsv }] =
        await Promise.all([
          import('../../sim/federation/read.js'),
          import('../../sim/federation/input-error.js'),
          import('../../sim/federation/run.js'),
          import('../../sim/federation/report.js'),
        ]);
      let inputs: import('../../sim/federation/read.js').FederationInputs;
      try {
        inputs = readFederationInputs(options);
      } catch (error) {
        if (error instanceof SimInputError) throw new UsageError(error.message);
        if (error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'EACCES')) {
          throw new UsageError(error.message);
        }
        throw error;
      }
      const runs = runFederation(inputs.cluster, inputs.matrix, inputs.jobs);
      mkdirSync(options.out, { recursive: true });
      writeFileSync(join(options.out, 'federation-metrics.csv'), metricsCsv(runs));
      for (const [name, svg] of Object.entries(metricCharts(runs)))
        writeFileSync(join(options.out, `federation-${name}`), svg);
      if (options.format === 'json') {
        for (const r of runs) io.stdout.write(`${JSON.stringify({ ...r.metrics, refusals: r.refusals })}\n`);
        return;
      }
      const hours = (s: number) => (Number.isFinite(s) ? (s / 3600).toFixed(2) : '-');
      const rows = runs.map(({ metrics: m }) => [
        m.policy,
        m.totalCost.toFixed(0),
        hours(m.avgJct),
        hours(m.p95Jct),
        hours(m.makespan),
        `${m.deadlineMisses}/${m.deadlineJobs}`,
        String(m.unplaced),
      ]);
      io.stdout.write(
        renderTable(
          [
            'POLICY',
            `COST (${inputs.cluster.currency})`,
            'AVG JCT (h)',
            'P95 JCT (h)',
            'MAKESPAN (h)',
            'DEADLINE MISSES',
            'UNPLACED',
          ],
          rows,
          {
            color: useColor(io),
          },
        ),
      );
      io.stdout.write(`${inputs.jobs.length} jobs; charts and federation-metrics.csv in ${options.out}\n`);
    });
}
