/**
 * UTC calendar helpers. Date.parse alone is not enough: it reads a time without an offset as
 * local time and rolls 2026-02-30 over to March 2, and either would silently shift a bill.
 */

export const DAY_MS = 86_400_000;

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Epoch milliseconds of an ISO-8601 instant with `Z` or an explicit offset; throws naming `field`. */
export function parseInstant(value: unknown, field: string): number {
  if (typeof value !== 'string') throw new Error(`${field}: expected an ISO-8601 time, got ${typeof value}`);
  const m = INSTANT.exec(value);
  if (!m) throw new Error(`${field}: expected an ISO-8601 time with Z or an offset, got '${value}'`);
  const [, y, mo, d, h, mi, s] = m;
  if (!validDate(Number(y), Number(mo), Number(d)) || Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) {
    throw new Error(`${field}: no such time '${value}'`);
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`${field}: no such time '${value}'`);
  return ms;
}

/** Whether `value` is a real calendar day written YYYY-MM-DD. */
export function isDay(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DAY.exec(value);
  return m !== null && validDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** The UTC day (YYYY-MM-DD) containing epoch ms `t`. */
export function dayOf(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** Epoch ms of the UTC midnight after the one at or before `t`. */
export function nextMidnight(t: number): number {
  return (Math.floor(t / DAY_MS) + 1) * DAY_MS;
}

/** The first day of the month after `month` (YYYY-MM) as YYYY-MM-DD. */
export function firstOfNextMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
}
