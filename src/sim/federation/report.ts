/** A federated run as files a person opens: the metrics as CSV rows and one SVG chart per metric. Pure. */
import { lineChartSvg } from '../svg.js';
import { percentile } from './metrics.js';
import type { PolicyRun } from './run.js';

const HOUR = 3600;

function fixed(v: number, digits = 2): string {
  return Number.isFinite(v) ? v.toFixed(digits) : '';
}

/** One row per policy: the headline metrics, then utilization per site. */
export function metricsCsv(runs: readonly PolicyRun[]): string {
  const sites = Object.keys(runs[0]?.metrics.utilization ?? {});
  const head = [
    'policy',
    'jobs',
    'unplaced',
    'avg_jct_h',
    'p95_jct_h',
    'makespan_h',
    'total_cost',
    'deadline_misses',
    'deadline_jobs',
    'refusals',
    ...sites.map((s) => `util_${s}`),
  ];
  const rows = runs.map(({ metrics: m, refusals }) =>
    [
      m.policy,
      m.jobs,
      m.unplaced,
      fixed(m.avgJct / HOUR, 3),
      fixed(m.p95Jct / HOUR, 3),
      fixed(m.makespan / HOUR, 3),
      fixed(m.totalCost),
      m.deadlineMisses,
      m.deadlineJobs,
      refusals ?? '',
      ...sites.map((s) => fixed(m.utilization[s] ?? 0, 4)),
    ].join(','),
  );
  return `${[head.join(','), ...rows].join('\n')}\n`;
}

/** Values of a cumulative quantity at each whole hour from 0 to the last event. */
function hourly(events: readonly { at: number; value: number }[]): number[] {
  const sorted = [...events].sort((a, b) => a.at - b.at);
  const hours = Math.ceil((sorted[sorted.length - 1]?.at ?? 0) / HOUR);
  const out: number[] = [];
  let k = 0;
  let sum = 0;
  for (let h = 0; h <= hours; h++) {
    while (k < sorted.length && sorted[k]!.at <= h * HOUR) sum += sorted[k++]!.value;
    out.push(sum);
  }
  return out;
}

/** File name → SVG: JCT distribution, cumulative cost, cumulative deadline misses, utilization per site. */
export function metricCharts(runs: readonly PolicyRun[]): Record<string, string> {
  const jct = runs.map((r) => {
    const values = r.outcome.records.filter((j) => j.end !== undefined).map((j) => (j.end! - j.arrival) / HOUR);
    return { name: r.metrics.policy, points: Array.from({ length: 101 }, (_, p) => percentile(values, p)) };
  });
  const cost = runs.map((r) => ({
    name: r.metrics.policy,
    points: hourly(r.outcome.records.filter((j) => j.end !== undefined).map((j) => ({ at: j.end!, value: j.cost }))),
  }));
  const misses = runs.map((r) => ({
    name: r.metrics.policy,
    points: hourly(
      r.outcome.records
        .filter((j) => j.deadline !== undefined && (j.end === undefined || j.end > j.deadline))
        .map((j) => ({ at: j.end ?? j.deadline!, value: 1 })),
    ),
  }));
  const sites = Object.keys(runs[0]?.metrics.utilization ?? {});
  const utilization = runs.map((r) => ({
    name: r.metrics.policy,
    points: sites.map((s) => 100 * (r.metrics.utilization[s] ?? 0)),
  }));
  return {
    'jct.svg': lineChartSvg(jct, {
      title: 'Job completion time distribution',
      xLabel: 'percentile of jobs',
      yLabel: 'completion time (h)',
    }),
    'cost.svg': lineChartSvg(cost, {
      title: 'Cumulative cost',
      xLabel: 'virtual time (h)',
      yLabel: 'cost of ended jobs',
    }),
    'deadline-misses.svg': lineChartSvg(misses, {
      title: 'Cumulative deadline misses',
      xLabel: 'virtual time (h)',
      yLabel: 'jobs past their deadline',
    }),
    'utilization.svg': lineChartSvg(utilization, {
      title: `Device utilization per site (x: ${sites.map((s, k) => `${k}=${s}`).join(', ')})`,
      xLabel: 'site',
      yLabel: 'busy device-time (%)',
    }),
  };
}
