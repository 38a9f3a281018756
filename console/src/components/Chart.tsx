/** An ECharts chart (tree-shaken: bar and line charts, canvas renderer) that follows its container's size. */
import { BarChart, LineChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, DatasetComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

export const PALETTE = [
  '#2f5bea',
  '#20a37a',
  '#e0892b',
  '#8b5cf6',
  '#d9466f',
  '#0ea5c6',
  '#7c8a1f',
  '#a0522d',
  '#64748b',
];

export function Chart({ option, height = 280, testId }: { option: ChartOption; height?: number; testId?: string }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ color: PALETTE, textStyle: { fontFamily: 'inherit' }, ...option }, { notMerge: true });
  }, [option]);

  return <div ref={element} className="chart" style={{ height }} data-testid={testId} />;
}
