/** The time-based replay's results as files a person opens: utilization over time as CSV and SVG. Pure (strings out). */
import { lineChartSvg } from './svg.js';
import type { TimeReplayResult } from './time-replay.js';

/** One row per sample: virtual time, allocated GPU %, running and waiting jobs. */
export function utilizationCsv(result: TimeReplayResult): string {
  const rows = ['time_s,allocated_gpu_pct,running,waiting'];
  for (const s of result.utilization) {
    rows.push(`${s.time},${(s.gpuFraction * 100).toFixed(4)},${s.running},${s.waiting}`);
  }
  return `${rows.join('\n')}\n`;
}

/** One row per replayed job: arrival, first bind, departure (empty when it did not happen) and preemptions. */
export function outcomesCsv(result: TimeReplayResult): string {
  const rows = ['job,arrival_s,start_s,finish_s,queueing_delay_s,completion_s,preemptions'];
  const cell = (v: number | undefined) => (v === undefined ? '' : String(v));
  for (const o of result.outcomes) {
    const delay = o.start === undefined ? undefined : o.start - o.arrival;
    const completion = o.finish === undefined ? undefined : o.finish - o.arrival;
    rows.push([o.id, o.arrival, cell(o.start), cell(o.finish), cell(delay), cell(completion), o.preemptions].join(','));
  }
  return `${rows.join('\n')}\n`;
}

/** Most points a chart gets; longer runs are thinned to every k-th sample (svg.ts also spreads its arguments). */
const MAX_CHART_POINTS = 2000;

export function utilizationSvg(result: TimeReplayResult, title: string): string {
  const stride = Math.max(1, Math.ceil(result.utilization.length / MAX_CHART_POINTS));
  const points = result.utilization.filter((_, i) => i % stride === 0).map((s) => s.gpuFraction * 100);
  const step = result.sampleSeconds * stride;
  const unit = step === 3600 ? 'hours' : step === 86400 ? 'days' : `× ${step} s`;
  return lineChartSvg([{ name: result.profile, points }], {
    title,
    xLabel: `virtual time (${unit})`,
    yLabel: 'allocated GPU (% of capacity)',
  });
}
