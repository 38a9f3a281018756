/**
 * Metering one run: slice it at UTC midnights into one usage record per day and price each
 * record. Each cost part is the exact BigInt product (amount × ms × price) divided once and rounded
 * half-up once, per record, so a bill over whole days is a plain sum of record costs.
 */
import {
  CPU_MILLI_MS_PER_HOUR,
  DEVICE_MILLI_MS_PER_HOUR,
  hours,
  MEMORY_MIB_MS_PER_GIB_HOUR,
  roundDiv,
  safeNumber,
} from './money.js';
import { dayOf, nextMidnight, parseInstant } from './time.js';
import type { MeteredRun, OpenRun, PriceSnapshot, RunDimensions, UsageRecord } from './types.js';

const PRICE_KINDS = new Set(['on-demand', 'spot']);

function requireString(value: unknown, field: string): void {
  if (typeof value !== 'string' || value.length === 0) throw new Error(`${field}: expected a non-empty string`);
}

function requireNullableString(value: unknown, field: string): void {
  if (value !== null && (typeof value !== 'string' || value.length === 0)) {
    throw new Error(`${field}: expected a non-empty string or null`);
  }
}

function requireAmount(value: unknown, field: string): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new Error(`${field}: expected a non-negative integer, got ${String(value)}`);
  }
  if (value < 0) throw new Error(`${field}: must not be negative, got ${value}`);
}

function checkPrice(price: PriceSnapshot | undefined): void {
  if (!price || typeof price !== 'object') throw new Error('price: expected a price snapshot');
  requireString(price.currency, 'price.currency');
  if (!PRICE_KINDS.has(price.kind)) throw new Error(`price.kind: expected 'on-demand' or 'spot', got ${price.kind}`);
  requireAmount(price.perDeviceHourMicros, 'price.perDeviceHourMicros');
  requireAmount(price.perCpuHourMicros, 'price.perCpuHourMicros');
  requireAmount(price.perMemoryGiBHourMicros, 'price.perMemoryGiBHourMicros');
  if (price.revision !== undefined) requireAmount(price.revision, 'price.revision');
}

/** Throws an Error naming the first bad field; returns startedAt as epoch ms. */
function checkDimensions(run: RunDimensions): number {
  for (const field of ['taskId', 'jobId', 'jobName', 'tenant', 'queue', 'user', 'site', 'provider'] as const) {
    requireString(run[field], field);
  }
  requireNullableString(run.vendor, 'vendor');
  requireNullableString(run.model, 'model');
  requireAmount(run.deviceMilli, 'deviceMilli');
  requireAmount(run.cpuMillis, 'cpuMillis');
  requireAmount(run.memoryMiB, 'memoryMiB');
  checkPrice(run.price);
  return parseInstant(run.startedAt, 'startedAt');
}

/** Validates a run; throws an Error naming the field. */
export function validateRun(run: MeteredRun): { start: number; end: number } {
  const start = checkDimensions(run);
  const end = parseInstant(run.endedAt, 'endedAt');
  if (end < start) throw new Error(`endedAt: ${run.endedAt} is before startedAt ${run.startedAt}`);
  return { start, end };
}

/** [from, to) pieces of [start, end) cut at UTC midnights; one empty piece for a zero-length run. */
export function sliceDays(start: number, end: number): Array<{ from: number; to: number }> {
  if (end <= start) return [{ from: start, to: start }];
  const pieces: Array<{ from: number; to: number }> = [];
  for (let from = start; from < end; ) {
    const to = Math.min(nextMidnight(from), end);
    pieces.push({ from, to });
    from = to;
  }
  return pieces;
}

function product(a: number, b: number, field: string): number {
  return safeNumber(BigInt(a) * BigInt(b), field);
}

/** amount × ms × price / unit, rounded half-up once. */
function part(amount: number, durationMs: number, priceMicros: number, unit: bigint): bigint {
  return roundDiv(BigInt(amount) * BigInt(durationMs) * BigInt(priceMicros), unit);
}

function record(run: RunDimensions, from: number, to: number): UsageRecord {
  const durationMs = to - from;
  const { price } = run;
  const device = part(run.deviceMilli, durationMs, price.perDeviceHourMicros, DEVICE_MILLI_MS_PER_HOUR);
  const cpu = part(run.cpuMillis, durationMs, price.perCpuHourMicros, CPU_MILLI_MS_PER_HOUR);
  const memory = part(run.memoryMiB, durationMs, price.perMemoryGiBHourMicros, MEMORY_MIB_MS_PER_GIB_HOUR);
  const deviceMilliMs = product(run.deviceMilli, durationMs, 'deviceMilli × durationMs');
  return {
    taskId: run.taskId,
    jobId: run.jobId,
    jobName: run.jobName,
    tenant: run.tenant,
    queue: run.queue,
    user: run.user,
    site: run.site,
    provider: run.provider,
    vendor: run.vendor,
    model: run.model,
    deviceMilli: run.deviceMilli,
    cpuMillis: run.cpuMillis,
    memoryMiB: run.memoryMiB,
    day: dayOf(from),
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    durationMs,
    deviceMilliMs,
    cpuMilliMs: product(run.cpuMillis, durationMs, 'cpuMillis × durationMs'),
    memoryMiBMs: product(run.memoryMiB, durationMs, 'memoryMiB × durationMs'),
    deviceCostMicros: safeNumber(device, 'deviceCostMicros'),
    cpuCostMicros: safeNumber(cpu, 'cpuCostMicros'),
    memoryCostMicros: safeNumber(memory, 'memoryCostMicros'),
    costMicros: safeNumber(device + cpu + memory, 'costMicros'),
    currency: price.currency,
    priceKind: price.kind,
    priceRevision: price.revision ?? null,
    perDeviceHourMicros: price.perDeviceHourMicros,
    perCpuHourMicros: price.perCpuHourMicros,
    perMemoryGiBHourMicros: price.perMemoryGiBHourMicros,
    deviceSeconds: deviceMilliMs / 1_000_000,
    deviceHours: hours(BigInt(deviceMilliMs), DEVICE_MILLI_MS_PER_HOUR),
  };
}

/** One priced usage record per UTC day the run touched (a zero-length run gives one empty record). */
export function meterRun(run: MeteredRun): UsageRecord[] {
  const { start, end } = validateRun(run);
  return sliceDays(start, end).map((p) => record(run, p.from, p.to));
}

/**
 * Usage so far of a still-running task, as if it ended at `now` (epoch ms or ISO-8601); every
 * record is marked `open`. A `now` before the start (clock skew) gives one empty record.
 */
export function openUsage(run: OpenRun, now: number | string): UsageRecord[] {
  const start = checkDimensions(run);
  const at = typeof now === 'number' ? now : parseInstant(now, 'now');
  if (!Number.isFinite(at)) throw new Error(`now: expected epoch milliseconds or an ISO-8601 time, got ${now}`);
  return sliceDays(start, Math.max(start, Math.trunc(at))).map((p) => ({ ...record(run, p.from, p.to), open: true }));
}
