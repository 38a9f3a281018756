import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { meterRun, openUsage } from './meter.js';
import { run, USD } from './testing.js';

const HOUR = 3_600_000;

describe('meterRun slices at UTC midnights', () => {
  const cases: Array<{
    name: string;
    startedAt: string;
    endedAt: string;
    want: Array<[string, string, string, number]>;
  }> = [
    {
      name: 'same day',
      startedAt: '2026-11-29T10:00:00Z',
      endedAt: '2026-11-29T12:30:00Z',
      want: [['2026-11-29', '2026-11-29T10:00:00.000Z', '2026-11-29T12:30:00.000Z', 2.5 * HOUR]],
    },
    {
      name: 'across midnight',
      startedAt: '2026-11-28T23:00:00Z',
      endedAt: '2026-11-29T01:00:00Z',
      want: [
        ['2026-11-28', '2026-11-28T23:00:00.000Z', '2026-11-29T00:00:00.000Z', HOUR],
        ['2026-11-29', '2026-11-29T00:00:00.000Z', '2026-11-29T01:00:00.000Z', HOUR],
      ],
    },
    {
      name: 'across several days',
      startedAt: '2026-11-26T12:00:00Z',
      endedAt: '2026-11-29T06:00:00Z',
      want: [
        ['2026-11-26', '2026-11-26T12:00:00.000Z', '2026-11-27T00:00:00.000Z', 12 * HOUR],
        ['2026-11-27', '2026-11-27T00:00:00.000Z', '2026-11-28T00:00:00.000Z', 24 * HOUR],
        ['2026-11-28', '2026-11-28T00:00:00.000Z', '2026-11-29T00:00:00.000Z', 24 * HOUR],
        ['2026-11-29', '2026-11-29T00:00:00.000Z', '2026-11-29T06:00:00.000Z', 6 * HOUR],
      ],
    },
    {
      name: 'zero-length run',
      startedAt: '2026-11-29T10:00:00Z',
      endedAt: '2026-11-29T10:00:00Z',
      want: [['2026-11-29', '2026-11-29T10:00:00.000Z', '2026-11-29T10:00:00.000Z', 0]],
    },
    {
      name: 'ends exactly at midnight: no empty record for the next day',
      startedAt: '2026-11-28T22:00:00Z',
      endedAt: '2026-11-29T00:00:00Z',
      want: [['2026-11-28', '2026-11-28T22:00:00.000Z', '2026-11-29T00:00:00.000Z', 2 * HOUR]],
    },
    {
      name: 'leap day',
      startedAt: '2024-02-28T20:00:00Z',
      endedAt: '2024-03-01T04:00:00Z',
      want: [
        ['2024-02-28', '2024-02-28T20:00:00.000Z', '2024-02-29T00:00:00.000Z', 4 * HOUR],
        ['2024-02-29', '2024-02-29T00:00:00.000Z', '2024-03-01T00:00:00.000Z', 24 * HOUR],
        ['2024-03-01', '2024-03-01T00:00:00.000Z', '2024-03-01T04:00:00.000Z', 4 * HOUR],
      ],
    },
    {
      name: 'month and year boundary',
      startedAt: '2026-12-31T22:00:00.250Z',
      endedAt: '2027-01-01T02:00:00Z',
      want: [
        ['2026-12-31', '2026-12-31T22:00:00.250Z', '2027-01-01T00:00:00.000Z', 2 * HOUR - 250],
        ['2027-01-01', '2027-01-01T00:00:00.000Z', '2027-01-01T02:00:00.000Z', 2 * HOUR],
      ],
    },
    {
      name: 'offsets are read as the instant they name (UTC day, not local day)',
      startedAt: '2026-11-29T07:00:00+08:00',
      endedAt: '2026-11-29T09:00:00+08:00',
      want: [
        ['2026-11-28', '2026-11-28T23:00:00.000Z', '2026-11-29T00:00:00.000Z', HOUR],
        ['2026-11-29', '2026-11-29T00:00:00.000Z', '2026-11-29T01:00:00.000Z', HOUR],
      ],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const records = meterRun(run({ startedAt: c.startedAt, endedAt: c.endedAt }));
      assert.deepEqual(
        records.map((r) => [r.day, r.from, r.to, r.durationMs]),
        c.want,
      );
      for (const r of records) {
        assert.equal(r.deviceMilliMs, 1000 * r.durationMs);
        assert.equal(r.cpuMilliMs, 8000 * r.durationMs);
        assert.equal(r.memoryMiBMs, 65_536 * r.durationMs);
      }
    });
  }
});

describe('meterRun prices each record, rounding half-up once per part', () => {
  const price = (p: Partial<typeof USD>) => ({ ...USD, perDeviceHourMicros: 0, ...p });
  const cases: Array<{ name: string; over: Parameters<typeof run>[0]; want: number[] }> = [
    { name: 'two device-hours at 2 USD', over: {}, want: [4_000_000] },
    {
      name: 'exactly half a micro rounds up',
      over: { endedAt: '2026-11-29T10:30:00Z', price: price({ perDeviceHourMicros: 1 }) },
      want: [1],
    },
    {
      name: 'just under half a micro rounds down',
      over: { endedAt: '2026-11-29T10:29:59.999Z', price: price({ perDeviceHourMicros: 1 }) },
      want: [0],
    },
    {
      // Rounding the whole run once would give 1; each record is rounded on its own.
      name: 'per record: 23:30 to 00:30 at 1 micro/hour is 1 + 1',
      over: {
        startedAt: '2026-11-28T23:30:00Z',
        endedAt: '2026-11-29T00:30:00Z',
        price: price({ perDeviceHourMicros: 1 }),
      },
      want: [1, 1],
    },
    {
      name: 'cpu: 0.5 core for 1h at 3 micros/core-hour is 1.5, rounds to 2',
      over: { deviceMilli: 0, cpuMillis: 500, endedAt: '2026-11-29T11:00:00Z', price: price({ perCpuHourMicros: 3 }) },
      want: [2],
    },
    {
      name: 'memory: 1.5 GiB for 1h at 1 micro/GiB-hour is 1.5, rounds to 2',
      over: { memoryMiB: 1536, endedAt: '2026-11-29T11:00:00Z', price: price({ perMemoryGiBHourMicros: 1 }) },
      want: [2],
    },
    {
      name: 'parts are rounded separately: 0.5 + 0.5 + 0.5 = 3',
      over: {
        deviceMilli: 500,
        cpuMillis: 500,
        memoryMiB: 512,
        endedAt: '2026-11-29T11:00:00Z',
        price: price({ perDeviceHourMicros: 1, perCpuHourMicros: 1, perMemoryGiBHourMicros: 1 }),
      },
      want: [3],
    },
    {
      // 8 devices for a day at 2.5 USD: the product 8000 × 8.64e7 × 2.5e6 is far past 2^53.
      name: 'large products are exact',
      over: {
        deviceMilli: 8000,
        startedAt: '2026-11-29T00:00:00Z',
        endedAt: '2026-11-30T00:00:00Z',
        price: price({ perDeviceHourMicros: 2_500_000 }),
      },
      want: [480_000_000],
    },
    {
      name: 'large odd products are exact',
      over: {
        deviceMilli: 7777,
        startedAt: '2026-11-29T00:00:00Z',
        endedAt: '2026-11-29T23:59:59.999Z',
        price: price({ perDeviceHourMicros: 2_499_999 }),
      },
      // 7777 × 86399999 × 2499999 / 3.6e9 = 466619807.95…
      want: [466_619_808],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const records = meterRun(run(c.over));
      assert.deepEqual(
        records.map((r) => r.costMicros),
        c.want,
      );
      for (const r of records) assert.equal(r.costMicros, r.deviceCostMicros + r.cpuCostMicros + r.memoryCostMicros);
    });
  }

  test('records carry every dimension, the price and display fields', () => {
    const [r] = meterRun(run({ price: { ...USD, kind: 'spot', revision: 7 } }));
    assert.ok(r);
    assert.equal(r.tenant, 'acme');
    assert.equal(r.jobName, 'finetune');
    assert.equal(r.model, 'nvidia-h100-sxm');
    assert.equal(r.currency, 'USD');
    assert.equal(r.priceKind, 'spot');
    assert.equal(r.priceRevision, 7);
    assert.equal(r.perDeviceHourMicros, 2_000_000);
    assert.equal(r.deviceSeconds, 7200);
    assert.equal(r.deviceHours, 2);
    assert.equal(r.open, undefined);
    assert.equal(meterRun(run({ price: { ...USD, revision: undefined } }))[0]?.priceRevision, null);
  });

  test('CPU-only runs have null vendor and model and no device cost', () => {
    const [r] = meterRun(
      run({ vendor: null, model: null, deviceMilli: 0, price: { ...USD, perCpuHourMicros: 40_000 } }),
    );
    assert.equal(r?.deviceCostMicros, 0);
    assert.equal(r?.cpuCostMicros, 640_000);
  });
});

describe('meterRun validates its input', () => {
  const cases: Array<[string, Parameters<typeof run>[0], RegExp]> = [
    ['end before start', { endedAt: '2026-11-29T09:59:59Z' }, /^Error: endedAt: .* is before startedAt/],
    ['negative devices', { deviceMilli: -1 }, /^Error: deviceMilli: must not be negative/],
    ['fractional cpu', { cpuMillis: 0.5 }, /^Error: cpuMillis: expected a non-negative integer/],
    ['NaN memory', { memoryMiB: Number.NaN }, /^Error: memoryMiB:/],
    ['fractional price', { price: { ...USD, perDeviceHourMicros: 1.5 } }, /^Error: price.perDeviceHourMicros:/],
    ['negative price', { price: { ...USD, perMemoryGiBHourMicros: -3 } }, /^Error: price.perMemoryGiBHourMicros:/],
    ['bad price kind', { price: { ...USD, kind: 'reserved' as 'spot' } }, /^Error: price.kind:/],
    ['empty currency', { price: { ...USD, currency: '' } }, /^Error: price.currency:/],
    ['no offset', { startedAt: '2026-11-29T10:00:00' }, /^Error: startedAt: expected an ISO-8601 time with Z/],
    ['no such day', { endedAt: '2026-02-30T10:00:00Z' }, /^Error: endedAt: no such time/],
    ['empty tenant', { tenant: '' }, /^Error: tenant:/],
    ['empty vendor', { vendor: '' }, /^Error: vendor:/],
  ];
  for (const [name, over, pattern] of cases) {
    test(name, () => {
      assert.throws(
        () => meterRun(run(over)),
        (e: unknown) => pattern.test(String(e)),
      );
    });
  }
});

describe('openUsage', () => {
  test('is meterRun up to now, marked open', () => {
    const { endedAt: _, ...open } = run({ startedAt: '2026-11-28T23:00:00Z' });
    const now = '2026-11-29T00:30:00Z';
    const got = openUsage(open, now);
    const want = meterRun(run({ startedAt: '2026-11-28T23:00:00Z', endedAt: now })).map((r) => ({
      ...r,
      open: true,
    }));
    assert.deepEqual(got, want);
    assert.deepEqual(openUsage(open, Date.parse(now)), want);
    assert.deepEqual(
      got.map((r) => r.costMicros),
      [2_000_000, 1_000_000],
    );
  });

  test('a now before the start (clock skew) gives one empty record', () => {
    const got = openUsage(run(), '2026-11-29T09:00:00Z');
    assert.equal(got.length, 1);
    assert.equal(got[0]?.durationMs, 0);
    assert.equal(got[0]?.costMicros, 0);
  });

  test('a bad now names the parameter', () => {
    assert.throws(() => openUsage(run(), 'yesterday'), /^Error: now:/);
    assert.throws(() => openUsage(run(), Number.NaN), /^Error: now:/);
  });
});
