/**
 * Aggregation of usage records by any dimensions, over a window of whole days. Sums are BigInt
 * while adding; currency is part of every group, so USD is never added to CNY.
 */

import {
  CPU_MILLI_MS_PER_HOUR,
  DEVICE_MILLI_MS_PER_HOUR,
  formatMicros,
  hours,
  MEMORY_MIB_MS_PER_GIB_HOUR,
  safeNumber,
} from './money.js';
import { checkPeriod } from './period.js';
import { isDay } from './time.js';
import { type AggregateOptions, DIMENSIONS, type Dimension, type UsageRecord, type UsageRow } from './types.js';

/** Running integer sums of a group of records. */
export class Sums {
  records = 0;
  readonly jobIds = new Set<string>();
  durationMs = 0n;
  deviceMilliMs = 0n;
  cpuMilliMs = 0n;
  memoryMiBMs = 0n;
  deviceCostMicros = 0n;
  cpuCostMicros = 0n;
  memoryCostMicros = 0n;
  costMicros = 0n;

  add(r: UsageRecord): void {
    this.records += 1;
    this.jobIds.add(r.jobId);
    this.durationMs += BigInt(r.durationMs);
    this.deviceMilliMs += BigInt(r.deviceMilliMs);
    this.cpuMilliMs += BigInt(r.cpuMilliMs);
    this.memoryMiBMs += BigInt(r.memoryMiBMs);
    this.deviceCostMicros += BigInt(r.deviceCostMicros);
    this.cpuCostMicros += BigInt(r.cpuCostMicros);
    this.memoryCostMicros += BigInt(r.memoryCostMicros);
    this.costMicros += BigInt(r.costMicros);
  }
}

export function dimensionValue(r: UsageRecord, d: Dimension): string | null {
  return d === 'month' ? r.day.slice(0, 7) : r[d];
}

/** Total order on nullable keys: null first, then by UTF-16 code units (locale-independent). */
export function compareKey(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

function checkOptions(options: AggregateOptions): void {
  if (!Array.isArray(options.by)) throw new Error('by: expected a list of dimensions');
  const seen = new Set<string>();
  for (const d of options.by) {
    if (!(DIMENSIONS as readonly string[]).includes(d)) {
      throw new Error(`by: unknown dimension '${d}', expected one of ${DIMENSIONS.join(', ')}`);
    }
    if (seen.has(d)) throw new Error(`by: dimension '${d}' is named twice`);
    seen.add(d);
  }
  if (options.from !== undefined && !isDay(options.from)) {
    throw new Error(`from: expected a calendar day YYYY-MM-DD, got '${options.from}'`);
  }
  if (options.to !== undefined && !isDay(options.to)) {
    throw new Error(`to: expected a calendar day YYYY-MM-DD, got '${options.to}'`);
  }
  if (options.from !== undefined && options.to !== undefined) checkPeriod({ from: options.from, to: options.to });
}

/**
 * Groups records by `by` (plus currency, always), keeping records whose `day` is in [from, to).
 * Rows are sorted by the `by` values in order, then currency.
 */
export function aggregateUsage(records: readonly UsageRecord[], options: AggregateOptions): UsageRow[] {
  checkOptions(options);
  const by = [...options.by];
  const groups = new Map<string, { values: Array<string | null>; currency: string; sums: Sums }>();
  for (const r of records) {
    if (options.from !== undefined && r.day < options.from) continue;
    if (options.to !== undefined && r.day >= options.to) continue;
    const values = by.map((d) => dimensionValue(r, d));
    const id = JSON.stringify([...values, r.currency]);
    let group = groups.get(id);
    if (!group) {
      group = { values, currency: r.currency, sums: new Sums() };
      groups.set(id, group);
    }
    group.sums.add(r);
  }
  const sorted = [...groups.values()].sort((a, b) => {
    for (let i = 0; i < by.length; i++) {
      const c = compareKey(a.values[i]!, b.values[i]!);
      if (c !== 0) return c;
    }
    return compareKey(a.currency, b.currency);
  });
  return sorted.map(({ values, currency, sums }) => {
    const key: Partial<Record<Dimension, string | null>> = {};
    by.forEach((d, i) => {
      key[d] = values[i]!;
    });
    return {
      key,
      currency,
      records: sums.records,
      jobs: sums.jobIds.size,
      durationMs: safeNumber(sums.durationMs, 'durationMs'),
      deviceMilliMs: sums.deviceMilliMs.toString(),
      cpuMilliMs: sums.cpuMilliMs.toString(),
      memoryMiBMs: sums.memoryMiBMs.toString(),
      costMicros: safeNumber(sums.costMicros, 'costMicros'),
      cost: formatMicros(sums.costMicros),
      deviceHours: hours(sums.deviceMilliMs, DEVICE_MILLI_MS_PER_HOUR),
      cpuHours: hours(sums.cpuMilliMs, CPU_MILLI_MS_PER_HOUR),
      memoryGiBHours: hours(sums.memoryMiBMs, MEMORY_MIB_MS_PER_GIB_HOUR),
    };
  });
}
