/**
 * Billing periods: `YYYY-MM` (a calendar month) or `YYYY-MM-DD..YYYY-MM-DD` (from inclusive, to
 * exclusive), always whole UTC days so that a bill sums whole usage records.
 */
import { firstOfNextMonth, isDay } from './time.js';
import type { Period } from './types.js';

const MONTH = /^(\d{4})-(\d{2})$/;

function expected(param: string, value: unknown): Error {
  const shown = typeof value === 'string' ? `'${value}'` : String(value);
  return new Error(`${param}: expected YYYY-MM or YYYY-MM-DD..YYYY-MM-DD, got ${shown}`);
}

/** Parses a period parameter; errors name `param` (e.g. the query parameter the value came from). */
export function parsePeriod(value: unknown, param = 'period'): Period {
  if (typeof value !== 'string') throw expected(param, value);
  const text = value.trim();
  const month = MONTH.exec(text);
  if (month) {
    const year = Number(month[1]);
    const m = Number(month[2]);
    if (m < 1 || m > 12) throw new Error(`${param}: no such month '${value}'`);
    return { from: `${month[1]}-${month[2]}-01`, to: firstOfNextMonth(year, m) };
  }
  const parts = text.split('..');
  if (parts.length !== 2) throw expected(param, value);
  const [from, to] = parts as [string, string];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) throw expected(param, value);
  return checkPeriod({ from, to }, param);
}

/** Validates an already split period: real days, from < to. Returns it unchanged. */
export function checkPeriod(period: Period, param = 'period'): Period {
  if (!isDay(period.from)) throw new Error(`${param}: 'from' is not a calendar day YYYY-MM-DD: '${period.from}'`);
  if (!isDay(period.to)) throw new Error(`${param}: 'to' is not a calendar day YYYY-MM-DD: '${period.to}'`);
  // Days in YYYY-MM-DD compare correctly as strings.
  if (period.from >= period.to) {
    throw new Error(`${param}: 'to' (${period.to}) must be after 'from' (${period.from}); 'to' is exclusive`);
  }
  return period;
}

/** Whether `day` (YYYY-MM-DD) lies in [from, to). */
export function inPeriod(day: string, period: Partial<Period>): boolean {
  return (period.from === undefined || day >= period.from) && (period.to === undefined || day < period.to);
}
