import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decimal, formatMicros, roundDiv, safeNumber } from './money.js';

test('roundDiv rounds half-up (ties away from zero)', () => {
  const cases: Array<[bigint, bigint, bigint]> = [
    [0n, 3n, 0n],
    [1n, 2n, 1n],
    [3n, 2n, 2n],
    [5n, 2n, 3n],
    [4n, 3n, 1n],
    [5n, 3n, 2n],
    [-1n, 2n, -1n],
    [-4n, 3n, -1n],
    [1_679_831_308_624_707_777n, 3_600_000_000n, 466_619_808n],
  ];
  for (const [n, d, want] of cases) assert.equal(roundDiv(n, d), want, `${n}/${d}`);
  assert.throws(() => roundDiv(1n, 0n), /divisor must be positive/);
});

test('formatMicros and decimal make decimals from integers', () => {
  const cases: Array<[number | bigint, string]> = [
    [0, '0.000000'],
    [1, '0.000001'],
    [1_234_567, '1.234567'],
    [-1_234_567, '-1.234567'],
    [9_007_199_254_740_993n, '9007199254.740993'],
  ];
  for (const [micros, want] of cases) assert.equal(formatMicros(micros), want);
  assert.equal(decimal(5n, 4n, 2), '1.25');
  assert.equal(decimal(1n, 3n, 6), '0.333333');
  assert.equal(decimal(2n, 3n, 6), '0.666667');
  assert.equal(decimal(7n, 2n, 0), '4');
});

test('safeNumber refuses to lose precision', () => {
  assert.equal(safeNumber(9_007_199_254_740_991n, 'x'), Number.MAX_SAFE_INTEGER);
  assert.throws(
    () => safeNumber(9_007_199_254_740_992n, 'costMicros'),
    /^Error: costMicros: .* exceeds the safe integer range/,
  );
});
