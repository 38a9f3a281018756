/** Cost per day per tenant, and device-hours per day per vendor, as stacked bars. */
import { useMemo } from 'react';
import { Chart, type ChartOption } from '../../components/Chart';
import { currencies, daysBetween, microsToNumber, type Series, seriesByDay } from '../../lib/usageSeries';
import type { UsageItem } from '../../types';

function stackedBars(days: string[], series: Series[], unit: string, digits: number): ChartOption {
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v.toFixed(digits)} ${unit}` : String(v)),
    },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 16, top: 34, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: days.map((d) => d.slice(5)) },
    yAxis: { type: 'value', name: unit },
    series: series.map((s) => ({
      name: s.name,
      type: 'bar',
      stack: 'total',
      barMaxWidth: 36,
      emphasis: { focus: 'series' },
      data: s.values.map((v) => +v.toFixed(6)),
    })),
  };
}

export function CostChart({ items, from, to }: { items: UsageItem[]; from: string; to: string }) {
  const option = useMemo(() => {
    const days = daysBetween(from, to);
    const several = currencies(items).length > 1;
    const series = seriesByDay(
      items,
      days,
      (i) => `${i.tenant ?? 'all'}${several ? ` (${i.currency})` : ''}`,
      (i) => microsToNumber(i.costMicros),
    );
    return stackedBars(days, series, several ? '' : (currencies(items)[0] ?? ''), 2);
  }, [items, from, to]);
  return <Chart option={option} height={260} testId="cost-chart" />;
}

export function VendorHoursChart({ items, from, to }: { items: UsageItem[]; from: string; to: string }) {
  const option = useMemo(() => {
    const days = daysBetween(from, to);
    const series = seriesByDay(
      items.filter((i) => i.deviceHours > 0 || i.vendor),
      days,
      (i) => i.vendor || 'cpu',
      (i) => i.deviceHours,
    );
    return stackedBars(days, series, 'device-h', 3);
  }, [items, from, to]);
  return <Chart option={option} height={260} testId="vendor-chart" />;
}
