import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCpuMillis, parseDurationSeconds, parseMemoryMiB, parsePercent, type QuantityResult } from './quantity.js';

type Parser = (v: string | number) => QuantityResult;

function accepts(parser: Parser, cases: [string | number, number][]): void {
  for (const [input, expected] of cases) {
    test(`${JSON.stringify(input)} → ${expected}`, () => {
      assert.deepEqual(parser(input), { ok: true, value: expected });
    });
  }
}

function rejects(parser: Parser, cases: [string | number, RegExp, RegExp?][]): void {
  for (const [input, message, hint] of cases) {
    test(`${JSON.stringify(input)} is refused`, () => {
      const result = parser(input);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.match(result.error.message, message);
      assert.ok(result.error.accepts.length > 0);
      if (hint) assert.match(result.error.hint ?? '', hint);
    });
  }
}

describe('parseMemoryMiB', () => {
  accepts(parseMemoryMiB, [
    ['64Gi', 65536],
    ['512Mi', 512],
    ['1.5Ti', 1572864],
    ['2048Ki', 2],
    ['1Pi', 1024 ** 3],
    ['1G', 954],
    ['100M', 96],
    ['1T', 953675],
    ['2000k', 2],
    [' 8Gi ', 8192],
    ['12 Gi', 12288],
    [1073741824, 1024],
    ['1073741824', 1024],
    [0, 0],
    ['0Gi', 0],
  ]);
  rejects(parseMemoryMiB, [
    [64, /64 bytes, less than 1 MiB/, /did you mean 64Gi\?/],
    ['64', /less than 1 MiB/, /64Gi/],
    ['512Ki', /less than 1 MiB/],
    ['1000k', /less than 1 MiB/, /512Mi/],
    ['64GB', /unknown memory unit "GB"/, /64Gi \(binary\) or 64G \(decimal\)/],
    ['64gib', /unknown memory unit/, /64Gi/],
    ['64XB', /unknown memory unit/, /units Ki, Mi/],
    ['lots', /must be a memory size/],
    ['-1Gi', /must be a memory size/],
    [-5, /must not be negative/],
    [Number.POSITIVE_INFINITY, /finite/],
  ]);
});

describe('parseCpuMillis', () => {
  accepts(parseCpuMillis, [
    ['500m', 500],
    ['8', 8000],
    [8, 8000],
    [0.5, 500],
    ['0.5', 500],
    ['1.25', 1250],
    ['1m', 1],
    [0.1 * 3, 300],
  ]);
  rejects(parseCpuMillis, [
    ['8 cores', /must be CPU cores/, /did you mean 8\?/],
    ['0.5m', /finer than one millicore/, /whole millicores/],
    [0.0001, /finer than one millicore/],
    [0, /at least 1 millicore/],
    ['0m', /at least 1 millicore/],
    [-1, /must not be negative/],
    ['eight', /must be CPU cores/],
  ]);
});

describe('parseDurationSeconds', () => {
  accepts(parseDurationSeconds, [
    ['4h', 14400],
    ['30m', 1800],
    ['90s', 90],
    ['1h30m', 5400],
    ['2d', 172800],
    ['1d2h3m4s', 93784],
    ['1.5h', 5400],
    [45, 45],
    ['45', 45],
    [0, 0],
    ['0s', 0],
  ]);
  rejects(parseDurationSeconds, [
    ['4 hours', /must be a duration/],
    ['4hours', /must be a duration/, /use "h"/],
    ['100ms', /must be a duration/, /whole seconds/],
    ['30m1h', /must be a duration/, /largest first/],
    ['1h1h', /must be a duration/, /once/],
    ['0.5s', /not a whole number of seconds/],
    ['h', /must be a duration/],
    ['1w', /must be a duration/, /7d/],
    [-3, /must not be negative/],
  ]);
});

describe('parsePercent', () => {
  accepts(parsePercent, [
    ['30%', 30],
    [30, 30],
    ['30', 30],
    ['12.5%', 12.5],
    ['150%', 150],
  ]);
  rejects(parsePercent, [
    ['30 percent', /must be a percentage/],
    ['%', /must be a percentage/],
    [-1, /must not be negative/],
  ]);
});
