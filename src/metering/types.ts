/**
 * Metering types: what an ended (or running) task run looks like to metering, the per-day usage
 * records made from it, aggregated rows and bills. Money is integer micro-units of a currency
 * everywhere; decimal strings are made from those integers for display only.
 */

/** The site's price list entry in force when the task started. */
export interface PriceSnapshot {
  /** e.g. 'USD', 'CNY'. Amounts in different currencies are never added together. */
  currency: string;
  kind: 'on-demand' | 'spot';
  /** Integer micro-units of currency per whole-device-hour. */
  perDeviceHourMicros: number;
  /** Integer, per CPU core-hour (0 when the site does not charge CPU). */
  perCpuHourMicros: number;
  /** Integer, per GiB-hour of memory (0 when not charged). */
  perMemoryGiBHourMicros: number;
  /** Which price-list revision (for the bill's audit trail). */
  revision?: number;
}

/** The dimensions of one replica's run of one attempt (a task), without its end. */
export interface RunDimensions {
  taskId: string;
  jobId: string;
  jobName: string;
  tenant: string;
  queue: string;
  user: string;
  site: string;
  provider: string;
  vendor: string | null;
  model: string | null;
  /**
   * Device-equivalents in thousandths held: a whole device = 1000; a share = max(memory fraction,
   * compute fraction) rounded up to the next thousandth; summed over the replica's devices; 0 for
   * CPU-only. See `deviceMilliOf`.
   */
  deviceMilli: number;
  /** CPU allocated, millicores. */
  cpuMillis: number;
  /** Memory allocated, MiB. */
  memoryMiB: number;
  /** ISO-8601 with `Z` or an explicit offset. */
  startedAt: string;
  price: PriceSnapshot;
}

/** A still-running task: metered up to a given `now` by `openUsage`. */
export type OpenRun = RunDimensions;

/** One replica's run of one attempt (a task), ended. */
export interface MeteredRun extends RunDimensions {
  /** ISO-8601, >= startedAt. */
  endedAt: string;
}

/** The part of a run that fell on one UTC day, priced: the run's dimensions, then the day's amounts. */
export interface UsageRecord extends Omit<RunDimensions, 'startedAt' | 'price'> {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  /** ISO-8601 UTC (`toISOString`), inclusive. */
  from: string;
  /** ISO-8601 UTC, exclusive; the next midnight when the run went on past it. */
  to: string;
  durationMs: number;
  /** deviceMilli × durationMs. */
  deviceMilliMs: number;
  /** cpuMillis × durationMs. */
  cpuMilliMs: number;
  /** memoryMiB × durationMs. */
  memoryMiBMs: number;
  /** Each part rounded half-up once, from the exact product. */
  deviceCostMicros: number;
  cpuCostMicros: number;
  memoryCostMicros: number;
  /** deviceCostMicros + cpuCostMicros + memoryCostMicros. */
  costMicros: number;
  currency: string;
  priceKind: 'on-demand' | 'spot';
  priceRevision: number | null;
  perDeviceHourMicros: number;
  perCpuHourMicros: number;
  perMemoryGiBHourMicros: number;
  /** Display only (totals are made from the integer fields). */
  deviceSeconds: number;
  deviceHours: number;
  /** Set on usage of a still-running task (`openUsage`): the `to` of its last record is `now`. */
  open?: true;
}

export const DIMENSIONS = [
  'tenant',
  'queue',
  'user',
  'site',
  'provider',
  'vendor',
  'model',
  'day',
  'month',
  'currency',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface AggregateOptions {
  by: readonly Dimension[];
  /** YYYY-MM-DD, inclusive, compared with the record's `day`. */
  from?: string;
  /** YYYY-MM-DD, exclusive. */
  to?: string;
}

/**
 * Integer sums that can pass 2^53 over a month at a large provider (4,000 devices × 31 days of
 * device-milli-ms does) are decimal integer strings; parse them with BigInt. Counts, durations and
 * money stay numbers (checked to be safe integers).
 */
export interface UsageRow {
  /** The group's value for each dimension of `by`, in that order (null for a CPU-only vendor/model). */
  key: Partial<Record<Dimension, string | null>>;
  /** Always part of the group, whether or not `by` names it. */
  currency: string;
  records: number;
  /** Distinct jobIds. */
  jobs: number;
  durationMs: number;
  deviceMilliMs: string;
  cpuMilliMs: string;
  memoryMiBMs: string;
  costMicros: number;
  /** costMicros as a decimal with 6 places: 1234567 → "1.234567". */
  cost: string;
  deviceHours: number;
  cpuHours: number;
  memoryGiBHours: number;
}

export interface Period {
  /** YYYY-MM-DD, inclusive. */
  from: string;
  /** YYYY-MM-DD, exclusive. */
  to: string;
}

export interface BillLine {
  currency: string;
  site: string;
  provider: string;
  tenant: string;
  queue: string;
  vendor: string | null;
  model: string | null;
  priceKind: 'on-demand' | 'spot';
  /** Price-list revisions seen among the line's records, ascending (audit trail). */
  priceRevisions: number[];
  perDeviceHourMicros: number;
  perCpuHourMicros: number;
  perMemoryGiBHourMicros: number;
  /** Unit prices as decimals with 6 places. */
  perDeviceHour: string;
  perCpuHour: string;
  perMemoryGiBHour: string;
  records: number;
  jobs: number;
  /** Quantities as decimals with 6 places, rounded half-up from the exact integer sums. */
  deviceHours: string;
  cpuHours: string;
  memoryGiBHours: string;
  deviceCostMicros: number;
  cpuCostMicros: number;
  memoryCostMicros: number;
  /** The sum of the line's records' costMicros (never quantity × unit price). */
  costMicros: number;
  cost: string;
}

export interface BillTotal {
  currency: string;
  costMicros: number;
  cost: string;
}

export interface Bill {
  kind: 'tenant' | 'provider';
  party: string;
  period: Period;
  lines: BillLine[];
  /** One per currency present, sorted by currency; sums of the lines. */
  totals: BillTotal[];
  usageRecords: number;
}
