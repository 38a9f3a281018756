/** Usage items → chart series: one series per group key (tenant, vendor), one point per day. */
import type { UsageItem } from '../types';

export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const start = new Date(`${from}T00:00:00Z`).getTime();
  const end = new Date(`${to}T00:00:00Z`).getTime();
  if (Number.isNaN(start) || Number.isNaN(end)) return out;
  for (let t = start; t <= end && out.length < 400; t += 86400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

export interface Series {
  name: string;
  values: number[];
}

export function seriesByDay(
  items: readonly UsageItem[],
  days: readonly string[],
  key: (item: UsageItem) => string,
  value: (item: UsageItem) => number,
): Series[] {
  const index = new Map(days.map((d, i) => [d, i]));
  const groups = new Map<string, number[]>();
  for (const item of items) {
    const i = item.day ? index.get(item.day.slice(0, 10)) : undefined;
    if (i === undefined) continue;
    const name = key(item);
    const values = groups.get(name) ?? days.map(() => 0);
    values[i] = (values[i] ?? 0) + value(item);
    groups.set(name, values);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, values]) => ({ name, values }));
}

/** Money from integer micros, without floating-point drift in sums. */
export function microsToNumber(micros: number): number {
  return micros / 1_000_000;
}

export function currencies(items: readonly { currency: string }[]): string[] {
  return [...new Set(items.map((i) => i.currency))].sort();
}
