/**
 * Exactness invariants over random runs spanning day boundaries, several tenants, providers and
 * currencies: every bill sums to the metered records, to the aggregated rows, and tenants' bills
 * sum to providers' payouts. Sums here are BigInt, made independently of the code under test.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { aggregateUsage } from './aggregate.js';
import { providerPayout, tenantBill } from './bill.js';
import { BILL_CSV_HEADER, billCsv, parseCsv } from './csv.js';
import { meterRun } from './meter.js';
import { costByCurrency, plain, recordsIn } from './testing.js';
import type { Bill, MeteredRun, PriceSnapshot, UsageRecord } from './types.js';

const DAY = 86_400_000;
const EPOCH = Date.parse('2026-11-27T00:00:00Z');
const TENANTS = ['acme', 'zeta, "q"', 'bio'];
const SITES = [
  { site: 'east-nv', provider: 'east-dc', vendor: 'nvidia', model: 'h100' },
  { site: 'east-amd', provider: 'east-dc', vendor: 'amd', model: 'mi300x' },
  { site: 'south-ascend', provider: 'south-dc', vendor: 'huawei', model: '910b3' },
  { site: 'cpu-farm', provider: 'north-dc', vendor: null, model: null },
];

const priceArb: fc.Arbitrary<PriceSnapshot> = fc.record({
  currency: fc.constantFrom('USD', 'CNY', 'EUR'),
  kind: fc.constantFrom('on-demand' as const, 'spot' as const),
  perDeviceHourMicros: fc.integer({ min: 0, max: 5_000_000 }),
  perCpuHourMicros: fc.integer({ min: 0, max: 100_000 }),
  perMemoryGiBHourMicros: fc.integer({ min: 0, max: 10_000 }),
  revision: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
});

const runArb = fc
  .record({
    tenant: fc.integer({ min: 0, max: TENANTS.length - 1 }),
    queue: fc.constantFrom('research', 'prod'),
    site: fc.integer({ min: 0, max: SITES.length - 1 }),
    job: fc.integer({ min: 0, max: 20 }),
    deviceMilli: fc.integer({ min: 0, max: 8000 }),
    cpuMillis: fc.integer({ min: 0, max: 256_000 }),
    memoryMiB: fc.integer({ min: 0, max: 2_097_152 }),
    // Starts anywhere in a 10-day window; lengths up to 4 days, biased to cross midnights often.
    start: fc.integer({ min: 0, max: 10 * DAY }),
    length: fc.oneof(fc.integer({ min: 0, max: 4 * DAY }), fc.integer({ min: 0, max: 3_600_000 }), fc.constant(0)),
    price: priceArb,
  })
  .map((r): MeteredRun => {
    const s = SITES[r.site]!;
    return {
      taskId: `task-${r.job}-${r.start}`,
      jobId: `job-${r.job}`,
      jobName: `job ${r.job}`,
      tenant: TENANTS[r.tenant]!,
      queue: r.queue,
      user: 'u',
      ...s,
      deviceMilli: s.vendor === null ? 0 : r.deviceMilli,
      cpuMillis: r.cpuMillis,
      memoryMiB: r.memoryMiB,
      startedAt: new Date(EPOCH + r.start).toISOString(),
      endedAt: new Date(EPOCH + r.start + r.length).toISOString(),
      price: r.price,
    };
  });

const dayArb = fc.integer({ min: -1, max: 15 }).map((d) => new Date(EPOCH + d * DAY).toISOString().slice(0, 10));
const periodArb = fc
  .tuple(dayArb, dayArb)
  .filter(([a, b]) => a !== b)
  .map(([a, b]) => (a < b ? { from: a, to: b } : { from: b, to: a }));

function totalsOf(bill: Bill): Map<string, bigint> {
  return new Map(bill.totals.map((t) => [t.currency, BigInt(t.costMicros)]));
}

function add(into: Map<string, bigint>, from: Map<string, bigint>): void {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0n) + v);
}

test('each run is sliced into whole-day records that cover it exactly', () => {
  fc.assert(
    fc.property(runArb, (run) => {
      const records = meterRun(run);
      const start = Date.parse(run.startedAt);
      const end = Date.parse(run.endedAt);
      assert.equal(
        records.reduce((s, r) => s + r.durationMs, 0),
        end - start,
      );
      assert.equal(records[0]!.from, run.startedAt);
      assert.equal(records.at(-1)!.to, run.endedAt);
      for (const [i, r] of records.entries()) {
        assert.equal(r.day, r.from.slice(0, 10));
        if (i > 0) assert.equal(r.from, records[i - 1]!.to);
        assert.ok(Date.parse(r.to) - Date.parse(`${r.day}T00:00:00Z`) <= DAY);
        // Each part is within half a micro of the exact rational price.
        const exact = (amount: number, price: number, unit: bigint) => {
          const n = BigInt(amount) * BigInt(r.durationMs) * BigInt(price) * 2n;
          return [n - unit, n + unit] as const;
        };
        const within = (got: number, [lo, hi]: readonly [bigint, bigint], unit: bigint) => {
          const g = BigInt(got) * 2n * unit;
          assert.ok(g >= lo && g <= hi, `${got} not within half a micro`);
        };
        within(r.deviceCostMicros, exact(r.deviceMilli, r.perDeviceHourMicros, 3_600_000_000n), 3_600_000_000n);
        within(r.cpuCostMicros, exact(r.cpuMillis, r.perCpuHourMicros, 3_600_000_000n), 3_600_000_000n);
        within(r.memoryCostMicros, exact(r.memoryMiB, r.perMemoryGiBHourMicros, 3_686_400_000n), 3_686_400_000n);
        assert.equal(r.costMicros, r.deviceCostMicros + r.cpuCostMicros + r.memoryCostMicros);
      }
    }),
    { numRuns: 2000 },
  );
});

test('bills sum exactly to records and to aggregated rows; tenants pay what providers are paid', () => {
  fc.assert(
    fc.property(fc.array(runArb, { minLength: 1, maxLength: 40 }), periodArb, (runs, period) => {
      const records: UsageRecord[] = runs.flatMap(meterRun);
      const inPeriod = recordsIn(records, period.from, period.to);
      const rows = aggregateUsage(records, { by: ['tenant', 'provider', 'day'], ...period });

      const tenantsPaid = new Map<string, bigint>();
      for (const tenant of TENANTS) {
        const bill = tenantBill(records, { tenant, ...period });
        const mine = inPeriod.filter((r) => r.tenant === tenant);
        const want = plain(costByCurrency(mine));
        assert.deepEqual(plain(totalsOf(bill)), want);
        assert.deepEqual(plain(costByCurrency(bill.lines)), want);
        assert.deepEqual(plain(costByCurrency(rows.filter((r) => r.key.tenant === tenant))), want);
        assert.equal(bill.usageRecords, mine.length);
        assert.equal(
          bill.lines.reduce((s, l) => s + l.records, 0),
          mine.length,
        );
        add(tenantsPaid, totalsOf(bill));
      }

      const providersPaid = new Map<string, bigint>();
      for (const provider of new Set(SITES.map((s) => s.provider))) {
        const payout = providerPayout(records, { provider, ...period });
        const want = plain(costByCurrency(inPeriod.filter((r) => r.provider === provider)));
        assert.deepEqual(plain(totalsOf(payout)), want);
        assert.deepEqual(plain(costByCurrency(payout.lines)), want);
        assert.deepEqual(plain(costByCurrency(rows.filter((r) => r.key.provider === provider))), want);
        add(providersPaid, totalsOf(payout));
      }

      const all = plain(costByCurrency(inPeriod));
      assert.deepEqual(plain(tenantsPaid), all);
      assert.deepEqual(plain(providersPaid), all);
      assert.deepEqual(plain(costByCurrency(aggregateUsage(records, { by: [], ...period }))), all);
    }),
    { numRuns: 300 },
  );
});

test('a bill parsed back from CSV has the same totals', () => {
  const col = (name: (typeof BILL_CSV_HEADER)[number]) => BILL_CSV_HEADER.indexOf(name);
  fc.assert(
    fc.property(fc.array(runArb, { minLength: 1, maxLength: 20 }), periodArb, (runs, period) => {
      const records = runs.flatMap(meterRun);
      for (const tenant of TENANTS) {
        const bill = tenantBill(records, { tenant, ...period });
        const parsed = parseCsv(billCsv(bill));
        const lines = parsed.filter((r) => r[0] === 'line');
        const fromLines = new Map<string, bigint>();
        for (const r of lines) {
          const currency = r[col('currency')]!;
          fromLines.set(currency, (fromLines.get(currency) ?? 0n) + BigInt(r[col('cost')]!.replace('.', '')));
          assert.equal(r[col('party')], tenant);
        }
        const totals = new Map(
          parsed.filter((r) => r[0] === 'TOTAL').map((r) => [r[col('currency')]!, BigInt(r[col('cost_micros')]!)]),
        );
        assert.deepEqual(plain(fromLines), plain(totalsOf(bill)));
        assert.deepEqual(plain(totals), plain(totalsOf(bill)));
      }
    }),
    { numRuns: 200 },
  );
});
