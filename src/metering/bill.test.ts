import assert from 'node:assert/strict';
import { test } from 'node:test';
import { providerPayout, tenantBill } from './bill.js';
import { meterRun, openUsage } from './meter.js';
import { run, USD } from './testing.js';

const NOV = { from: '2026-11-01', to: '2026-12-01' };
const CNY = {
  currency: 'CNY',
  kind: 'on-demand' as const,
  perDeviceHourMicros: 10_000_000,
  perCpuHourMicros: 0,
  perMemoryGiBHourMicros: 0,
};

const RECORDS = [
  // Same line: same site, queue, model and unit price, two revisions of the price list.
  ...meterRun(run({ taskId: 't1', jobId: 'job-1' })),
  ...meterRun(run({ taskId: 't2', jobId: 'job-2', price: { ...USD, revision: 2 } })),
  // Spot price: its own line.
  ...meterRun(run({ taskId: 't3', jobId: 'job-3', price: { ...USD, kind: 'spot', perDeviceHourMicros: 700_000 } })),
  // New price on the same site: its own line.
  ...meterRun(run({ taskId: 't4', jobId: 'job-4', price: { ...USD, perDeviceHourMicros: 2_100_000, revision: 3 } })),
  // Another currency on another provider's site.
  ...meterRun(
    run({
      taskId: 't5',
      jobId: 'job-5',
      site: 'south-ascend',
      provider: 'south-dc',
      vendor: 'huawei',
      model: 'm',
      price: CNY,
    }),
  ),
  // Another tenant on the first provider; runs past the end of November: only 11-30 is billed in November.
  ...meterRun(
    run({
      taskId: 't6',
      jobId: 'job-6',
      tenant: 'zeta',
      startedAt: '2026-11-30T23:00:00Z',
      endedAt: '2026-12-01T01:00:00Z',
    }),
  ),
];

test('tenant bill: one line per site, model, queue, price kind and unit price; totals per currency', () => {
  const bill = tenantBill(RECORDS, { tenant: 'acme', ...NOV });
  assert.equal(bill.kind, 'tenant');
  assert.equal(bill.party, 'acme');
  assert.deepEqual(bill.period, NOV);
  assert.equal(bill.usageRecords, 5);
  assert.deepEqual(
    bill.lines.map((l) => [
      l.currency,
      l.site,
      l.priceKind,
      l.perDeviceHour,
      l.priceRevisions,
      l.records,
      l.jobs,
      l.deviceHours,
      l.cost,
    ]),
    [
      ['CNY', 'south-ascend', 'on-demand', '10.000000', [], 1, 1, '2.000000', '20.000000'],
      ['USD', 'east-nv', 'on-demand', '2.000000', [1, 2], 2, 2, '4.000000', '8.000000'],
      ['USD', 'east-nv', 'on-demand', '2.100000', [3], 1, 1, '2.000000', '4.200000'],
      ['USD', 'east-nv', 'spot', '0.700000', [1], 1, 1, '2.000000', '1.400000'],
    ],
  );
  assert.deepEqual(bill.totals, [
    { currency: 'CNY', costMicros: 20_000_000, cost: '20.000000' },
    { currency: 'USD', costMicros: 13_600_000, cost: '13.600000' },
  ]);
});

test('provider payout: usage of its sites across tenants, within the period', () => {
  const payout = providerPayout(RECORDS, { provider: 'east-dc', ...NOV });
  assert.equal(payout.kind, 'provider');
  assert.equal(payout.usageRecords, 5);
  assert.deepEqual(
    payout.lines.map((l) => [l.tenant, l.perDeviceHourMicros, l.priceKind, l.costMicros]),
    [
      ['acme', 2_000_000, 'on-demand', 8_000_000],
      ['acme', 2_100_000, 'on-demand', 4_200_000],
      ['acme', 700_000, 'spot', 1_400_000],
      ['zeta', 2_000_000, 'on-demand', 2_000_000],
    ],
  );
  assert.deepEqual(payout.totals, [{ currency: 'USD', costMicros: 15_600_000, cost: '15.600000' }]);
  const december = providerPayout(RECORDS, { provider: 'east-dc', from: '2026-12-01', to: '2027-01-01' });
  assert.deepEqual(december.totals, [{ currency: 'USD', costMicros: 2_000_000, cost: '2.000000' }]);
});

test('a line costs the sum of its records, not its rounded quantity times the unit price', () => {
  // Two half-hours at 1 micro/hour, each rounded up on its own record: 2 micros for 1 device-hour.
  const price = { ...USD, perDeviceHourMicros: 1 };
  const records = [
    ...meterRun(run({ taskId: 'a', endedAt: '2026-11-29T10:30:00Z', price })),
    ...meterRun(run({ taskId: 'b', startedAt: '2026-11-29T11:00:00Z', endedAt: '2026-11-29T11:30:00Z', price })),
  ];
  const [line] = tenantBill(records, { tenant: 'acme', ...NOV }).lines;
  assert.equal(line?.deviceHours, '1.000000');
  assert.equal(line?.perDeviceHourMicros, 1);
  assert.equal(line?.costMicros, 2);
  assert.equal(line?.deviceCostMicros, 2);
});

test('an empty bill has no lines and no totals', () => {
  const bill = tenantBill(RECORDS, { tenant: 'nobody', ...NOV });
  assert.deepEqual([bill.lines, bill.totals, bill.usageRecords], [[], [], 0]);
});

test('bills refuse open usage, bad periods and empty parties', () => {
  const { endedAt: _, ...open } = run({ taskId: 'running' });
  const records = [...RECORDS, ...openUsage(open, '2026-11-29T11:00:00Z')];
  assert.throws(
    () => tenantBill(records, { tenant: 'acme', ...NOV }),
    /^Error: records: task running is still running/,
  );
  // Another tenant's bill is not affected by acme's running task.
  assert.equal(tenantBill(records, { tenant: 'zeta', ...NOV }).totals[0]?.costMicros, 2_000_000);
  assert.throws(() => tenantBill(RECORDS, { tenant: 'acme', from: '2026-11-01', to: '2026-11-01' }), /must be after/);
  assert.throws(
    () => tenantBill(RECORDS, { tenant: 'acme', from: '2026-11', to: '2026-12' }),
    /'from' is not a calendar day/,
  );
  assert.throws(() => providerPayout(RECORDS, { provider: '', ...NOV }), /^Error: provider: expected a non-empty name/);
});
