/** Test helpers: runs with sensible defaults, and BigInt sums to check against. */
import type { MeteredRun, PriceSnapshot, UsageRecord } from './types.js';

export const USD: PriceSnapshot = {
  currency: 'USD',
  kind: 'on-demand',
  perDeviceHourMicros: 2_000_000,
  perCpuHourMicros: 0,
  perMemoryGiBHourMicros: 0,
  revision: 1,
};

export function run(overrides: Partial<MeteredRun> = {}): MeteredRun {
  return {
    taskId: 'task-1',
    jobId: 'job-1',
    jobName: 'finetune',
    tenant: 'acme',
    queue: 'research',
    user: 'ada',
    site: 'east-nv',
    provider: 'east-dc',
    vendor: 'nvidia',
    model: 'nvidia-h100-sxm',
    deviceMilli: 1000,
    cpuMillis: 8000,
    memoryMiB: 65_536,
    startedAt: '2026-11-29T10:00:00Z',
    endedAt: '2026-11-29T12:00:00Z',
    price: USD,
    ...overrides,
  };
}

/** Exact total of costMicros per currency. */
export function costByCurrency(records: readonly { currency: string; costMicros: number }[]): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const r of records) out.set(r.currency, (out.get(r.currency) ?? 0n) + BigInt(r.costMicros));
  return out;
}

/** A Map as a sorted plain object, for deepEqual (zero sums dropped so empty and absent compare equal). */
export function plain(sums: Map<string, bigint>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of [...sums.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (v !== 0n) out[k] = v.toString();
  }
  return out;
}

export function recordsIn(records: readonly UsageRecord[], from: string, to: string): UsageRecord[] {
  return records.filter((r) => r.day >= from && r.day < to);
}
