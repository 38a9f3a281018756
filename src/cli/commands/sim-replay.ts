/**
 * `junction sim replay`: the trace replayed in virtual time (arrivals at creation time,
 * departures after the traced run) with Junction's scheduling cycle deciding every placement.
 * Prints queueing delay, completion time, utilization and the replay's own speed, and writes
 * utilization over time (SVG and CSV) and one row per job (CSV) into --out.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { TimeReplayResult } from '../../sim/time-replay.js';
import { type CliContext, useColor } from '../context.js';
import { UsageError } from '../errors.js';
import { renderTable } from '../format.js';

interface ReplayOptions {
  nodes: string;
  pods: string;
  profile: string;
  format: 'table' | 'json';
  out: string;
  limit?: number;
  cycleSeconds?: number;
  horizon?: number;
  sampleSeconds: number;
  speedup: number;
}

function parseCount(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number above 0');
  return n;
}

function parsePositive(text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a number above 0');
  return n;
}

function parseNonNegative(text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('must be a number >= 0');
  return n;
}

export function registerSimReplay(sim: Command, ctx: CliContext): void {
  const { io } = ctx;
  sim
    .command('replay')
    .description('replay a trace in virtual time, with departures: queueing delay, completion time, utilization')
    .requiredOption('--nodes <file>', 'node list CSV (e.g. openb_node_list_gpu_node.csv)')
    .requiredOption('--pods <file>', 'pod list CSV (e.g. openb_pod_list_default.csv)')
    .addOption(
      new Option('--profile <name>', 'scheduling profile')
        .choices(['default', 'fair', 'fgd', 'packing'])
        .default('default'),
    )
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--out <dir>', 'where the SVG and CSVs go', './sim-out')
    .option('--limit <n>', 'replay only the first N pods of the list', parseCount)
    .option('--cycle-seconds <s>', 'run a cycle every S virtual seconds instead of at every event', parsePositive)
    .option('--horizon <s>', 'stop after this virtual second', parseNonNegative)
    .option('--sample-seconds <s>', 'utilization sampling period', parsePositive, 3600)
    .option('--speedup <x>', 'divide arrival times by X (durations kept) to load the cluster more', parsePositive, 1)
    .action(async (options: ReplayOptions) => {
      const [{ readNodeList, readPodList }, { replayInTime, TimeReplayOptionError }, report, { TraceFormatError }] =
        await Promise.all([
          import('../../sim/read-trace.js'),
          import('../../sim/time-replay.js'),
          import('../../sim/time-report.js'),
          import('../../sim/trace.js'),
        ]);
      let result: TimeReplayResult;
      try {
        const nodes = readNodeList(options.nodes);
        const pods = readPodList(options.pods);
        result = replayInTime({
          nodes,
          pods: options.limit === undefined ? pods : pods.slice(0, options.limit),
          profile: options.profile,
          sampleSeconds: options.sampleSeconds,
          arrivalSpeedup: options.speedup,
          ...(options.cycleSeconds === undefined ? {} : { cycleSeconds: options.cycleSeconds }),
          ...(options.horizon === undefined ? {} : { horizon: options.horizon }),
          stopwatch: () => performance.now(),
        });
      } catch (error) {
        if (error instanceof TraceFormatError || error instanceof TimeReplayOptionError) {
          throw new UsageError(error.message);
        }
        if (error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'EACCES')) {
          throw new UsageError(error.message);
        }
        throw error;
      }
      mkdirSync(options.out, { recursive: true });
      const file = options.pods.split(/[\\/]/).pop() ?? options.pods;
      const title = `Allocated GPU over virtual time: ${file}, profile ${result.profile}`;
      writeFileSync(join(options.out, 'replay-utilization.svg'), report.utilizationSvg(result, title));
      writeFileSync(join(options.out, 'replay-utilization.csv'), report.utilizationCsv(result));
      writeFileSync(join(options.out, 'replay-jobs.csv'), report.outcomesCsv(result));
      if (options.format === 'json') {
        const { utilization: _u, outcomes: _o, ...summary } = result;
        io.stdout.write(`${JSON.stringify(summary)}\n`);
        return;
      }
      io.stdout.write(renderTable(['METRIC', 'VALUE'], summaryRows(result), { color: useColor(io) }));
      io.stdout.write(`utilization over time in ${join(options.out, 'replay-utilization.svg')} and .csv\n`);
    });
}

function summaryRows(r: TimeReplayResult): string[][] {
  const s = (v: number) => (Number.isFinite(v) ? `${Number(v.toFixed(1))}s` : '-');
  const pct = (v: number) => `${(v * 100).toFixed(2)}%`;
  const rows: string[][] = [
    ['profile', r.profile],
    ['jobs replayed', `${r.jobs} (of ${r.pods} pods; ${r.skipped} without a usable duration)`],
    ['placed / completed', `${r.placed} / ${r.completed}`],
    ['never placed', String(r.neverPlaced)],
    ['running / waiting at end', `${r.runningAtEnd} / ${r.waitingAtEnd}`],
    ['preemptions', String(r.preemptions)],
    [
      'queueing delay mean / p50 / p95 / p99',
      [r.queueingDelay.mean, r.queueingDelay.p50, r.queueingDelay.p95, r.queueingDelay.p99].map(s).join(' / '),
    ],
    ['completion time mean / p95', `${s(r.completionTime.mean)} / ${s(r.completionTime.p95)}`],
    ['allocated GPU mean / peak', `${pct(r.meanGpuFraction)} / ${pct(r.peakGpuFraction)}`],
    ['virtual end', s(r.end)],
    ['cycles / decisions', `${r.cycles} / ${r.decisions}`],
  ];
  if (r.wall) {
    rows.push(['wall time', `${r.wall.seconds.toFixed(2)}s (${Math.round(r.wall.decisionsPerSecond)} decisions/s)`]);
  }
  return rows;
}
