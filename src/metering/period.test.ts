import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkPeriod, inPeriod, parsePeriod } from './period.js';

test('parsePeriod reads months and day ranges', () => {
  const cases: Array<[string, { from: string; to: string }]> = [
    ['2026-11', { from: '2026-11-01', to: '2026-12-01' }],
    ['2026-12', { from: '2026-12-01', to: '2027-01-01' }],
    ['2024-02', { from: '2024-02-01', to: '2024-03-01' }],
    ['2026-11-01..2026-11-15', { from: '2026-11-01', to: '2026-11-15' }],
    ['2024-02-29..2024-03-01', { from: '2024-02-29', to: '2024-03-01' }],
    [' 2026-11 ', { from: '2026-11-01', to: '2026-12-01' }],
  ];
  for (const [text, want] of cases) assert.deepEqual(parsePeriod(text), want, text);
});

test('parsePeriod errors name the parameter and show the value', () => {
  const cases: Array<[unknown, string]> = [
    ['november', "period: expected YYYY-MM or YYYY-MM-DD..YYYY-MM-DD, got 'november'"],
    ['2026-11-01', "period: expected YYYY-MM or YYYY-MM-DD..YYYY-MM-DD, got '2026-11-01'"],
    ['2026-11-01..', "period: expected YYYY-MM or YYYY-MM-DD..YYYY-MM-DD, got '2026-11-01..'"],
    [
      '2026-11-01..2026-12-01..2027-01-01',
      "period: expected YYYY-MM or YYYY-MM-DD..YYYY-MM-DD, got '2026-11-01..2026-12-01..2027-01-01'",
    ],
    [undefined, 'period: expected YYYY-MM or YYYY-MM-DD..YYYY-MM-DD, got undefined'],
    ['2026-13', "period: no such month '2026-13'"],
    ['2026-11-31..2026-12-05', "period: 'from' is not a calendar day YYYY-MM-DD: '2026-11-31'"],
    ['2025-02-01..2025-02-29', "period: 'to' is not a calendar day YYYY-MM-DD: '2025-02-29'"],
    ['2026-11-15..2026-11-15', "period: 'to' (2026-11-15) must be after 'from' (2026-11-15); 'to' is exclusive"],
    ['2026-11-15..2026-11-01', "period: 'to' (2026-11-01) must be after 'from' (2026-11-15); 'to' is exclusive"],
  ];
  for (const [value, message] of cases) assert.throws(() => parsePeriod(value), { message }, String(value));
  assert.throws(() => parsePeriod('x', 'month'), {
    message: "month: expected YYYY-MM or YYYY-MM-DD..YYYY-MM-DD, got 'x'",
  });
  assert.throws(() => checkPeriod({ from: '2026-1-01', to: '2026-02-01' }), /'from' is not a calendar day/);
});

test('inPeriod: from inclusive, to exclusive, either optional', () => {
  const p = { from: '2026-11-01', to: '2026-12-01' };
  assert.equal(inPeriod('2026-10-31', p), false);
  assert.equal(inPeriod('2026-11-01', p), true);
  assert.equal(inPeriod('2026-11-30', p), true);
  assert.equal(inPeriod('2026-12-01', p), false);
  assert.equal(inPeriod('1999-01-01', { to: '2026-01-01' }), true);
  assert.equal(inPeriod('2999-01-01', {}), true);
});
