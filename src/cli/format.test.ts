import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatAge, formatCpu, formatMiB, oneLine, renderTable, serialize, truncate } from './format.js';

const NOW = new Date('2026-01-01T00:00:00Z');

describe('formatAge', () => {
  const cases: [string, string | null, string][] = [
    ['seconds', '2025-12-31T23:59:55Z', '5s'],
    ['zero', '2026-01-01T00:00:00Z', '0s'],
    ['just under a minute', '2025-12-31T23:59:00.500Z', '59s'],
    ['minutes', '2025-12-31T23:57:00Z', '3m'],
    ['hours', '2025-12-31T22:00:00Z', '2h'],
    ['days', '2025-12-28T00:00:00Z', '4d'],
    ['clock skew (future)', '2026-01-01T00:00:10Z', '0s'],
    ['unparseable', 'yesterday', '-'],
    ['unknown', null, '-'],
  ];
  for (const [name, from, want] of cases) test(name, () => assert.equal(formatAge(from, NOW), want));
});

describe('formatMiB', () => {
  const cases: [number, string][] = [
    [0, '0Mi'],
    [512, '512Mi'],
    [1024, '1Gi'],
    [1536, '1.5Gi'],
    [12288, '12Gi'],
    [65536, '64Gi'],
    [1048576, '1Ti'],
    [1572864, '1.5Ti'],
  ];
  for (const [mib, want] of cases) test(`${mib} MiB → ${want}`, () => assert.equal(formatMiB(mib), want));
});

describe('formatCpu', () => {
  const cases: [number, string][] = [
    [250, '250m'],
    [1000, '1'],
    [1500, '1.5'],
    [64000, '64'],
    [0, '0'],
  ];
  for (const [millis, want] of cases) test(`${millis}m → ${want}`, () => assert.equal(formatCpu(millis), want));
});

describe('truncate', () => {
  const cases: [string, number, string][] = [
    ['short', 10, 'short'],
    ['exactly10!', 10, 'exactly10!'],
    ['much too long', 8, 'much to…'],
    ['ab', 1, '…'],
    ['cut at a space', 8, 'cut at…'],
    ['ab', 0, ''],
  ];
  for (const [text, max, want] of cases) test(`${text}/${max}`, () => assert.equal(truncate(text, max), want));

  test('oneLine keeps the first line only', () => {
    assert.equal(oneLine('first\r\nsecond'), 'first');
    assert.equal(oneLine(null), '');
  });
});

describe('renderTable', () => {
  test('aligns columns without borders or trailing spaces', () => {
    const text = renderTable(
      ['ID', 'NAME'],
      [
        ['job-1', 'a'],
        ['job-22', ''],
      ],
      { color: false },
    );
    assert.equal(text, 'ID       NAME\njob-1    a\njob-22\n');
  });

  test('no escape codes without colour', () => {
    assert.ok(!renderTable(['A'], [['x']], { color: false }).includes('\x1b'));
  });
});

describe('serialize', () => {
  test('json and yaml end with a newline and round-trip', () => {
    const value = { items: [{ id: 'job-1' }], nextCursor: null };
    assert.deepEqual(JSON.parse(serialize(value, 'json')), value);
    assert.equal(serialize(value, 'yaml'), 'items:\n  - id: job-1\nnextCursor: null\n');
  });
});
