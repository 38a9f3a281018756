/**
 * Bills: what a tenant owes and what a provider is paid, for a period of whole UTC days. A line's
 * cost is the sum of its records' costs, never quantity × unit price: re-multiplying rounded
 * quantities is how bills stop summing to the metered usage.
 */
import { compareKey, Sums } from './aggregate.js';
import {
  CPU_MILLI_MS_PER_HOUR,
  DEVICE_MILLI_MS_PER_HOUR,
  decimal,
  formatMicros,
  MEMORY_MIB_MS_PER_GIB_HOUR,
  safeNumber,
} from './money.js';
import { checkPeriod, inPeriod } from './period.js';
import type { Bill, BillLine, BillTotal, Period, UsageRecord } from './types.js';

/** What separates two bill lines: where, on what, for which queue, at which unit price. */
const LINE_KEY = [
  'currency',
  'site',
  'provider',
  'tenant',
  'queue',
  'vendor',
  'model',
  'priceKind',
  'perDeviceHourMicros',
  'perCpuHourMicros',
  'perMemoryGiBHourMicros',
] as const;

interface LineGroup {
  first: UsageRecord;
  revisions: Set<number>;
  sums: Sums;
}

function compareLines(a: BillLine, b: BillLine): number {
  for (const k of LINE_KEY) {
    const x = a[k];
    const y = b[k];
    const c =
      typeof x === 'number' && typeof y === 'number' ? x - y : compareKey(x as string | null, y as string | null);
    if (c !== 0) return c;
  }
  return 0;
}

function lineOf({ first, revisions, sums }: LineGroup): BillLine {
  return {
    currency: first.currency,
    site: first.site,
    provider: first.provider,
    tenant: first.tenant,
    queue: first.queue,
    vendor: first.vendor,
    model: first.model,
    priceKind: first.priceKind,
    priceRevisions: [...revisions].sort((a, b) => a - b),
    perDeviceHourMicros: first.perDeviceHourMicros,
    perCpuHourMicros: first.perCpuHourMicros,
    perMemoryGiBHourMicros: first.perMemoryGiBHourMicros,
    perDeviceHour: formatMicros(first.perDeviceHourMicros),
    perCpuHour: formatMicros(first.perCpuHourMicros),
    perMemoryGiBHour: formatMicros(first.perMemoryGiBHourMicros),
    records: sums.records,
    jobs: sums.jobIds.size,
    deviceHours: decimal(sums.deviceMilliMs, DEVICE_MILLI_MS_PER_HOUR),
    cpuHours: decimal(sums.cpuMilliMs, CPU_MILLI_MS_PER_HOUR),
    memoryGiBHours: decimal(sums.memoryMiBMs, MEMORY_MIB_MS_PER_GIB_HOUR),
    deviceCostMicros: safeNumber(sums.deviceCostMicros, 'deviceCostMicros'),
    cpuCostMicros: safeNumber(sums.cpuCostMicros, 'cpuCostMicros'),
    memoryCostMicros: safeNumber(sums.memoryCostMicros, 'memoryCostMicros'),
    costMicros: safeNumber(sums.costMicros, 'costMicros'),
    cost: formatMicros(sums.costMicros),
  };
}

function makeBill(
  kind: 'tenant' | 'provider',
  party: string,
  period: Period,
  records: readonly UsageRecord[],
  belongs: (r: UsageRecord) => boolean,
): Bill {
  if (typeof party !== 'string' || party.length === 0) throw new Error(`${kind}: expected a non-empty name`);
  checkPeriod({ from: period.from, to: period.to });
  const groups = new Map<string, LineGroup>();
  let usageRecords = 0;
  for (const r of records) {
    if (!belongs(r) || !inPeriod(r.day, period)) continue;
    // Usage of a running task changes until it ends; a bill must not carry a number that moves.
    if (r.open) throw new Error(`records: task ${r.taskId} is still running (open usage cannot be billed)`);
    usageRecords += 1;
    const id = JSON.stringify(LINE_KEY.map((k) => r[k]));
    let group = groups.get(id);
    if (!group) {
      group = { first: r, revisions: new Set(), sums: new Sums() };
      groups.set(id, group);
    }
    if (r.priceRevision !== null) group.revisions.add(r.priceRevision);
    group.sums.add(r);
  }
  const lines = [...groups.values()].map(lineOf).sort(compareLines);
  const byCurrency = new Map<string, bigint>();
  for (const line of lines)
    byCurrency.set(line.currency, (byCurrency.get(line.currency) ?? 0n) + BigInt(line.costMicros));
  const totals: BillTotal[] = [...byCurrency.entries()]
    .sort(([a], [b]) => compareKey(a, b))
    .map(([currency, micros]) => ({
      currency,
      costMicros: safeNumber(micros, `total ${currency}`),
      cost: formatMicros(micros),
    }));
  return { kind, party, period: { from: period.from, to: period.to }, lines, totals, usageRecords };
}

/** What `tenant` owes for the days [from, to). */
export function tenantBill(records: readonly UsageRecord[], options: { tenant: string } & Period): Bill {
  return makeBill('tenant', options.tenant, options, records, (r) => r.tenant === options.tenant);
}

/** What `provider` is paid for the days [from, to): the usage of its sites, at the prices tenants paid. */
export function providerPayout(records: readonly UsageRecord[], options: { provider: string } & Period): Bill {
  return makeBill('provider', options.provider, options, records, (r) => r.provider === options.provider);
}
