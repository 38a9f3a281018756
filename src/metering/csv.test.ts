import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aggregateUsage } from './aggregate.js';
import { tenantBill } from './bill.js';
import { BILL_CSV_HEADER, billCsv, csvField, parseCsv, usageCsv } from './csv.js';
import { meterRun } from './meter.js';
import { run, USD } from './testing.js';

const TENANT = 'Acme, "Labs"';
const RECORDS = [
  ...meterRun(run({ tenant: TENANT, queue: 'q,1', user: 'line\nbreak' })),
  ...meterRun(
    run({ tenant: TENANT, queue: 'plain', jobId: 'job-2', price: { ...USD, perDeviceHourMicros: 1_234_567 } }),
  ),
  ...meterRun(
    run({
      tenant: TENANT,
      queue: 'plain',
      vendor: null,
      model: null,
      deviceMilli: 0,
      price: {
        currency: 'CNY',
        kind: 'spot',
        perDeviceHourMicros: 0,
        perCpuHourMicros: 333_333,
        perMemoryGiBHourMicros: 1,
      },
    }),
  ),
];

test('csvField quotes commas, quotes, CR and LF, doubling quotes', () => {
  const cases: Array<[string | number | null, string]> = [
    ['plain', 'plain'],
    [12, '12'],
    [null, ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['a\r\nb', '"a\r\nb"'],
    ['a\nb', '"a\nb"'],
    ['', ''],
  ];
  for (const [value, want] of cases) assert.equal(csvField(value), want);
});

test('billCsv: header, quoted names, lines, a TOTAL per currency, CRLF', () => {
  const bill = tenantBill(RECORDS, { tenant: TENANT, from: '2026-11-01', to: '2026-12-01' });
  const text = billCsv(bill);
  assert.ok(text.endsWith('\r\n'));
  assert.ok(text.includes('"Acme, ""Labs"""'));
  assert.ok(text.includes(',"q,1",'));
  const rows = parseCsv(text);
  assert.deepEqual(rows[0], [...BILL_CSV_HEADER]);
  for (const row of rows) assert.equal(row.length, BILL_CSV_HEADER.length);
  const col = (name: (typeof BILL_CSV_HEADER)[number]) => BILL_CSV_HEADER.indexOf(name);
  const lines = rows.filter((r) => r[0] === 'line');
  const totals = rows.filter((r) => r[0] === 'TOTAL');
  assert.equal(lines.length, bill.lines.length);
  assert.deepEqual(
    totals.map((r) => [r[col('currency')], r[col('cost_micros')], r[col('cost')]]),
    [
      // 8 cores × 2h × 0.333333 + 64 GiB × 2h × 0.000001
      ['CNY', '5333456', '5.333456'],
      ['USD', '6469134', '6.469134'],
    ],
  );
  for (const r of lines) assert.equal(r[col('party')], TENANT);
  assert.deepEqual(lines.map((r) => r[col('queue')]).sort(), ['plain', 'plain', 'q,1']);
  // Parsing back gives the same sums, in micros and in decimals.
  for (const t of totals) {
    const currency = t[col('currency')];
    const mine = lines.filter((r) => r[col('currency')] === currency);
    const micros = mine.reduce((s, r) => s + BigInt(r[col('cost_micros')]!), 0n);
    const fromDecimals = mine.reduce((s, r) => s + BigInt(r[col('cost')]!.replace('.', '')), 0n);
    assert.equal(micros.toString(), t[col('cost_micros')]);
    assert.equal(fromDecimals.toString(), t[col('cost_micros')]);
  }
});

test('usageCsv round-trips keys and sums', () => {
  const rows = aggregateUsage(RECORDS, { by: ['tenant', 'queue', 'user', 'vendor'] });
  const parsed = parseCsv(usageCsv(rows));
  assert.deepEqual(parsed[0]?.slice(0, 6), ['tenant', 'queue', 'user', 'vendor', 'currency', 'records']);
  assert.equal(parsed.length, rows.length + 1);
  assert.deepEqual(
    parsed.slice(1).map((r) => [r[0], r[1], r[2], r[3], r[4], r[parsed[0]!.indexOf('cost_micros')]]),
    rows.map((r) => [r.key.tenant, r.key.queue, r.key.user, r.key.vendor ?? '', r.currency, String(r.costMicros)]),
  );
  assert.equal(parsed[1]?.[2], 'ada');
  assert.ok(parsed.some((r) => r[2] === 'line\nbreak'));
  assert.equal(parseCsv(usageCsv([])).length, 1);
});

test('parseCsv reads both line ends and rejects broken quoting', () => {
  assert.deepEqual(parseCsv('a,"b,c"\n"d""e",\r\nf'), [['a', 'b,c'], ['d"e', ''], ['f']]);
  assert.throws(() => parseCsv('"open'), /unterminated/);
  assert.throws(() => parseCsv('"a"b'), /unexpected character/);
});
