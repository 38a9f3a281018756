/** The FGD experiment's results as files a person opens: the curves as SVG and CSV. Pure (strings out). */
import type { PolicyResult } from './fgd-experiment.js';
import { lineChartSvg } from './svg.js';

function cell(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '' : v.toFixed(4);
}

/** One row per arrive% 0..130: per policy the median and the mean unallocated GPU % over seeds. */
export function curvesCsv(results: readonly PolicyResult[]): string {
  const header = ['arrived_gpu_pct', ...results.flatMap((r) => [`${r.policy}_median`, `${r.policy}_mean`])];
  const length = Math.max(0, ...results.map((r) => r.curveMedian.length));
  const rows = [header.join(',')];
  for (let k = 0; k < length; k++) {
    rows.push([String(k), ...results.flatMap((r) => [cell(r.curveMedian[k]), cell(r.curveMean[k])])].join(','));
  }
  return `${rows.join('\n')}\n`;
}

/** The median curve of every policy, as the paper's Fig. 9(a) plots it. */
export function curvesSvg(results: readonly PolicyResult[], title: string): string {
  return lineChartSvg(
    results.map((r) => ({ name: r.policy, points: r.curveMedian })),
    { title, xLabel: 'arrived GPU demand (% of capacity)', yLabel: 'unallocated GPU (%), median over seeds' },
  );
}
