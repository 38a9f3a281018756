import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aggregateUsage } from './aggregate.js';
import { meterRun } from './meter.js';
import { run, USD } from './testing.js';
import type { UsageRow } from './types.js';

const CNY = {
  currency: 'CNY',
  kind: 'spot' as const,
  perDeviceHourMicros: 10_000_000,
  perCpuHourMicros: 0,
  perMemoryGiBHourMicros: 0,
};

// acme: job-1 (2 replicas, 2h each on 11-29 at 2 USD/h), job-2 (23:00 11-30 → 01:00 12-01, half a device)
// zeta: job-3 on a CNY site, 1h; job-4 CPU-only, 3h, 1 core at 0.04 USD.
const RECORDS = [
  ...meterRun(run({ taskId: 't1', jobId: 'job-1' })),
  ...meterRun(run({ taskId: 't2', jobId: 'job-1', user: 'bob' })),
  ...meterRun(
    run({
      taskId: 't3',
      jobId: 'job-2',
      deviceMilli: 500,
      startedAt: '2026-11-30T23:00:00Z',
      endedAt: '2026-12-01T01:00:00Z',
    }),
  ),
  ...meterRun(
    run({
      taskId: 't4',
      jobId: 'job-3',
      tenant: 'zeta',
      queue: 'prod',
      site: 'south-ascend',
      provider: 'south-dc',
      vendor: 'huawei',
      model: 'huawei-ascend-910b3',
      endedAt: '2026-11-29T11:00:00Z',
      price: CNY,
    }),
  ),
  ...meterRun(
    run({
      taskId: 't5',
      jobId: 'job-4',
      tenant: 'zeta',
      queue: 'prod',
      vendor: null,
      model: null,
      deviceMilli: 0,
      cpuMillis: 1000,
      endedAt: '2026-11-29T13:00:00Z',
      price: { ...USD, perCpuHourMicros: 40_000 },
    }),
  ),
];

const brief = (rows: UsageRow[]) => rows.map((r) => [r.key, r.currency, r.records, r.jobs, r.costMicros, r.cost]);

test('aggregate by tenant keeps currencies apart', () => {
  assert.deepEqual(brief(aggregateUsage(RECORDS, { by: ['tenant'] })), [
    [{ tenant: 'acme' }, 'USD', 4, 2, 10_000_000, '10.000000'],
    [{ tenant: 'zeta' }, 'CNY', 1, 1, 10_000_000, '10.000000'],
    [{ tenant: 'zeta' }, 'USD', 1, 1, 120_000, '0.120000'],
  ]);
});

test('aggregate with no dimensions gives one row per currency', () => {
  assert.deepEqual(brief(aggregateUsage(RECORDS, { by: [] })), [
    [{}, 'CNY', 1, 1, 10_000_000, '10.000000'],
    [{}, 'USD', 5, 3, 10_120_000, '10.120000'],
  ]);
});

test('aggregate by tenant and day, by month, by vendor (null first)', () => {
  assert.deepEqual(brief(aggregateUsage(RECORDS, { by: ['tenant', 'day'] })), [
    [{ tenant: 'acme', day: '2026-11-29' }, 'USD', 2, 1, 8_000_000, '8.000000'],
    [{ tenant: 'acme', day: '2026-11-30' }, 'USD', 1, 1, 1_000_000, '1.000000'],
    [{ tenant: 'acme', day: '2026-12-01' }, 'USD', 1, 1, 1_000_000, '1.000000'],
    [{ tenant: 'zeta', day: '2026-11-29' }, 'CNY', 1, 1, 10_000_000, '10.000000'],
    [{ tenant: 'zeta', day: '2026-11-29' }, 'USD', 1, 1, 120_000, '0.120000'],
  ]);
  assert.deepEqual(
    aggregateUsage(RECORDS, { by: ['month', 'currency'] }).map((r) => [r.key, r.costMicros]),
    [
      [{ month: '2026-11', currency: 'CNY' }, 10_000_000],
      [{ month: '2026-11', currency: 'USD' }, 9_120_000],
      [{ month: '2026-12', currency: 'USD' }, 1_000_000],
    ],
  );
  assert.deepEqual(
    aggregateUsage(RECORDS, { by: ['vendor', 'user'] }).map((r) => [r.key, r.currency]),
    [
      [{ vendor: null, user: 'ada' }, 'USD'],
      [{ vendor: 'huawei', user: 'ada' }, 'CNY'],
      [{ vendor: 'nvidia', user: 'ada' }, 'USD'],
      [{ vendor: 'nvidia', user: 'bob' }, 'USD'],
    ],
  );
});

test('aggregate sums the integer fields and derives display hours from them', () => {
  const [acme] = aggregateUsage(RECORDS, { by: ['tenant', 'currency'], to: '2026-12-01' });
  assert.deepEqual(acme, {
    key: { tenant: 'acme', currency: 'USD' },
    currency: 'USD',
    records: 3,
    jobs: 2,
    durationMs: 5 * 3_600_000,
    deviceMilliMs: String(1000 * 4 * 3_600_000 + 500 * 3_600_000),
    cpuMilliMs: String(8000 * 5 * 3_600_000),
    memoryMiBMs: String(65_536 * 5 * 3_600_000),
    costMicros: 9_000_000,
    cost: '9.000000',
    deviceHours: 4.5,
    cpuHours: 40,
    memoryGiBHours: 320,
  });
});

test('aggregate filters on the record day: from inclusive, to exclusive', () => {
  const window = (from?: string, to?: string) =>
    aggregateUsage(RECORDS, { by: ['tenant'], from, to }).map((r) => [r.key.tenant, r.currency, r.costMicros]);
  assert.deepEqual(window('2026-11-30', '2026-12-01'), [['acme', 'USD', 1_000_000]]);
  assert.deepEqual(window('2026-12-01'), [['acme', 'USD', 1_000_000]]);
  assert.deepEqual(window(undefined, '2026-11-29'), []);
});

test('aggregate rejects unknown dimensions and bad days', () => {
  assert.throws(() => aggregateUsage(RECORDS, { by: ['team' as 'tenant'] }), /^Error: by: unknown dimension 'team'/);
  assert.throws(() => aggregateUsage(RECORDS, { by: ['day', 'day'] }), /^Error: by: dimension 'day' is named twice/);
  assert.throws(() => aggregateUsage(RECORDS, { by: [], from: '2026-11' }), /^Error: from: expected a calendar day/);
  assert.throws(() => aggregateUsage(RECORDS, { by: [], to: '2026-02-30' }), /^Error: to: expected a calendar day/);
  assert.throws(() => aggregateUsage(RECORDS, { by: [], from: '2026-12-01', to: '2026-11-01' }), /must be after/);
});
