import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PolicyResult } from './fgd-experiment.js';
import { curvesCsv, curvesSvg } from './report.js';
import { lineChartSvg, niceTicks } from './svg.js';

describe('svg line chart', () => {
  it('draws one polyline per unbroken run of points, and escapes names', () => {
    const svg = lineChartSvg([{ name: 'a<b', points: [1, 2, null, 3, 4] }], { title: 't', xLabel: 'x', yLabel: 'y' });
    assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
    assert.equal(svg.match(/<polyline/g)?.length, 2);
    assert.ok(svg.includes('a&lt;b'));
    assert.ok(svg.trimEnd().endsWith('</svg>'));
  });

  it('picks round ticks', () => {
    assert.deepEqual(niceTicks(0, 130, 10), [0, 20, 40, 60, 80, 100, 120]);
    assert.deepEqual(niceTicks(0, 10.5, 6), [0, 2, 4, 6, 8, 10]);
  });
});

describe('experiment report files', () => {
  const result = (policy: string, curve: (number | null)[]): PolicyResult => ({
    policy,
    pods: 1,
    seeds: [1],
    capacityGpuMilli: 1000,
    unallocatedGpuPct: { '100': 1, '130': 1 },
    medianUnallocatedGpuPct: { '100': 1, '130': 1 },
    runs: [],
    curveMedian: curve,
    curveMean: curve,
  });

  it('writes the CSV with one row per arrive% and a column pair per policy', () => {
    const csv = curvesCsv([result('fgd', [100, 50, null]), result('best-fit', [100, 60, 40])]);
    assert.deepEqual(csv.trimEnd().split('\n'), [
      'arrived_gpu_pct,fgd_median,fgd_mean,best-fit_median,best-fit_mean',
      '0,100.0000,100.0000,100.0000,100.0000',
      '1,50.0000,50.0000,60.0000,60.0000',
      '2,,,40.0000,40.0000',
    ]);
  });

  it('writes an SVG with a legend entry per policy', () => {
    const svg = curvesSvg([result('fgd', [100, 50]), result('best-fit', [100, 60])], 'title');
    assert.ok(svg.includes('>fgd<') && svg.includes('>best-fit<'));
  });
});
