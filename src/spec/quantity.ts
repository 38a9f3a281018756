/**
 * Quantities as users write them (`64Gi`, `500m`, `1h30m`, `30%`) turned into the base
 * units of the compiled spec. Parsing is an expected outcome, so every parser returns a
 * value or a QuantityError that says what is accepted; nothing here throws.
 */

export interface QuantityError {
  message: string;
  /** The forms this parser accepts, for the user. */
  accepts: string;
  hint?: string;
}

export type QuantityResult = { ok: true; value: number } | { ok: false; error: QuantityError };

export const MEMORY_ACCEPTS =
  'a memory size like 64Gi, 512Mi or 1.5Ti (Ki, Mi, Gi, Ti, Pi binary; K, M, G, T, P decimal)';
export const CPU_ACCEPTS = 'CPU cores like 8 or 0.5, or millicores like "500m"';
export const DURATION_ACCEPTS = 'a duration like "90s", "30m", "4h", "1h30m" or "2d", or a number of seconds';
export const PERCENT_ACCEPTS = 'a percentage like "30%" or 30';

const MIB = 1024 * 1024;

const MEMORY_UNITS: Record<string, number> = {
  '': 1,
  Ki: 1024,
  Mi: MIB,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
  Pi: 1024 ** 5,
  k: 1e3,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
};

const DURATION_UNITS: [string, number][] = [
  ['d', 86_400],
  ['h', 3_600],
  ['m', 60],
  ['s', 1],
];

const NUMBER = String.raw`(\d+(?:\.\d*)?|\.\d+)`;
const MEMORY_PATTERN = new RegExp(`^${NUMBER}\\s*([A-Za-z]*)$`);
const CPU_PATTERN = new RegExp(`^${NUMBER}(m?)$`);
const DURATION_PART = new RegExp(`${NUMBER}([a-z]+)`, 'gy');
const PERCENT_PATTERN = new RegExp(`^${NUMBER}\\s*(%?)$`);

/** Tolerance for floating-point noise when a result must be whole (0.1 * 3 and friends). */
const EPSILON = 1e-9;

function ok(value: number): QuantityResult {
  return { ok: true, value };
}

function fail(accepts: string, message: string, hint?: string): QuantityResult {
  return { ok: false, error: hint === undefined ? { message, accepts } : { message, accepts, hint } };
}

function shown(v: string | number): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

function notQuantity(v: unknown, accepts: string): QuantityResult | undefined {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return fail(accepts, `must be a finite number, got ${v}`);
    if (v < 0) return fail(accepts, `must not be negative, got ${v}`);
    return undefined;
  }
  if (typeof v !== 'string') return fail(accepts, `must be ${accepts}`);
  return undefined;
}

/**
 * Memory in MiB. A bare number is bytes (the Kubernetes convention), so `64` is 64 bytes
 * and is refused as below 1 MiB with a hint. Results are rounded up to a whole MiB so a
 * request is never under-served. Zero is returned as 0: whether it is allowed is the
 * field's decision.
 */
export function parseMemoryMiB(v: string | number): QuantityResult {
  const bad = notQuantity(v, MEMORY_ACCEPTS);
  if (bad) return bad;
  let bytes: number;
  let number: string;
  let unit = '';
  if (typeof v === 'number') {
    bytes = v;
    number = String(v);
  } else {
    const m = MEMORY_PATTERN.exec(v.trim());
    if (!m) return fail(MEMORY_ACCEPTS, `must be ${MEMORY_ACCEPTS}, got ${shown(v)}`);
    number = m[1]!;
    unit = m[2]!;
    const factor = MEMORY_UNITS[unit];
    if (factor === undefined)
      return fail(MEMORY_ACCEPTS, `unknown memory unit "${unit}" in ${shown(v)}`, unitHint(number, unit));
    bytes = Number(number) * factor;
  }
  if (bytes === 0) return ok(0);
  if (bytes < MIB) {
    if (unit !== '') return fail(MEMORY_ACCEPTS, `${shown(v)} is less than 1 MiB`, 'e.g. 512Mi or 64Gi');
    return fail(
      MEMORY_ACCEPTS,
      `${shown(v)} is ${bytes} bytes, less than 1 MiB: a bare number is bytes`,
      `did you mean ${number}Gi?`,
    );
  }
  return ok(Math.ceil(bytes / MIB - EPSILON));
}

function unitHint(number: string, unit: string): string {
  const upper = unit.toUpperCase();
  const prefix = upper.replace(/I?B?$/, '');
  const binary = `${prefix.charAt(0)}i`;
  if (prefix.length === 1 && MEMORY_UNITS[prefix] !== undefined) {
    return `did you mean ${number}${binary} (binary) or ${number}${prefix} (decimal)?`;
  }
  return 'use one of the units Ki, Mi, Gi, Ti, Pi (binary) or K, M, G, T, P (decimal)';
}

/** CPU in millicores: `"500m"` → 500, `"8"` or 8 → 8000, 0.5 → 500. At least 1m. */
export function parseCpuMillis(v: string | number): QuantityResult {
  const bad = notQuantity(v, CPU_ACCEPTS);
  if (bad) return bad;
  let millis: number;
  if (typeof v === 'number') {
    millis = v * 1000;
  } else {
    const m = CPU_PATTERN.exec(v.trim());
    if (!m) return fail(CPU_ACCEPTS, `must be ${CPU_ACCEPTS}, got ${shown(v)}`, cpuHint(v));
    millis = m[2] === 'm' ? Number(m[1]) : Number(m[1]) * 1000;
  }
  const rounded = Math.round(millis);
  if (Math.abs(rounded - millis) > 1e-6) {
    return fail(
      CPU_ACCEPTS,
      `${shown(v)} is finer than one millicore`,
      `use whole millicores, e.g. "${Math.ceil(millis)}m"`,
    );
  }
  if (rounded < 1) return fail(CPU_ACCEPTS, `must be at least 1 millicore, got ${shown(v)}`);
  return ok(rounded);
}

function cpuHint(v: string): string | undefined {
  const cores = /^(\d+(?:\.\d+)?)\s*(cores?|cpus?|vcpus?)$/i.exec(v.trim());
  return cores ? `did you mean ${cores[1]}?` : undefined;
}

/** Duration in whole seconds: `"4h"`, `"1h30m"`, `"2d"`, `"90s"`; a bare number is seconds. */
export function parseDurationSeconds(v: string | number): QuantityResult {
  const bad = notQuantity(v, DURATION_ACCEPTS);
  if (bad) return bad;
  let seconds: number;
  if (typeof v === 'number') {
    seconds = v;
  } else {
    const text = v.trim();
    if (/^\d+(\.\d+)?$/.test(text)) {
      seconds = Number(text);
    } else {
      const total = sumDurationParts(text);
      if (typeof total !== 'number')
        return fail(DURATION_ACCEPTS, `must be ${DURATION_ACCEPTS}, got ${shown(v)}`, total.hint);
      seconds = total;
    }
  }
  const whole = Math.round(seconds);
  if (Math.abs(whole - seconds) > EPSILON) {
    return fail(
      DURATION_ACCEPTS,
      `${shown(v)} is not a whole number of seconds`,
      `use whole seconds, e.g. "${Math.ceil(seconds)}s"`,
    );
  }
  return ok(whole);
}

/** Sums `1h30m`-style parts; units must appear once each, largest first. */
function sumDurationParts(text: string): number | { hint?: string } {
  DURATION_PART.lastIndex = 0;
  let total = 0;
  let lastRank = -1;
  let consumed = 0;
  for (let m = DURATION_PART.exec(text); m !== null; m = DURATION_PART.exec(text)) {
    const unit = m[2]!;
    const rank = DURATION_UNITS.findIndex(([u]) => u === unit);
    if (rank < 0) return { hint: durationUnitHint(unit) };
    if (rank <= lastRank) return { hint: 'write each unit once, largest first, e.g. "1h30m"' };
    lastRank = rank;
    total += Number(m[1]) * DURATION_UNITS[rank]![1];
    consumed = DURATION_PART.lastIndex;
  }
  if (consumed === 0 || consumed !== text.length) return {};
  return total;
}

function durationUnitHint(unit: string): string {
  const known: Record<string, string> = {
    ms: 'durations are in whole seconds; use "s"',
    sec: 'use "s"',
    secs: 'use "s"',
    min: 'use "m" for minutes',
    mins: 'use "m" for minutes',
    hr: 'use "h"',
    hrs: 'use "h"',
    hour: 'use "h"',
    hours: 'use "h"',
    day: 'use "d"',
    days: 'use "d"',
    w: 'use days, e.g. "7d"',
  };
  return known[unit] ?? 'use the units d, h, m and s';
}

/** A percentage as a number: `"30%"`, `30` or `"30"` → 30. Range is the field's decision. */
export function parsePercent(v: string | number): QuantityResult {
  const bad = notQuantity(v, PERCENT_ACCEPTS);
  if (bad) return bad;
  if (typeof v === 'number') return ok(v);
  const m = PERCENT_PATTERN.exec(v.trim());
  if (!m) return fail(PERCENT_ACCEPTS, `must be ${PERCENT_ACCEPTS}, got ${shown(v)}`);
  return ok(Number(m[1]));
}
