/** Small formatting helpers shared by the pages. */

export function mib(value: number): string {
  if (value >= 1024 * 1024) return `${trim(value / 1024 / 1024)} TiB`;
  if (value >= 1024) return `${trim(value / 1024)} GiB`;
  return `${value} MiB`;
}

export function cpu(millis: number): string {
  return millis % 1000 === 0 ? `${millis / 1000}` : `${millis}m`;
}

export function trim(value: number, digits = 1): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(digits);
}

export function num(value: number, digits = 2): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
}

export function ago(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const seconds = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}

export function duration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
  return `${(seconds / 3600).toFixed(1)}h`;
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86400_000).toISOString().slice(0, 10);
}

export function thisMonth(): string {
  return new Date().toISOString().slice(0, 7);
}

/** YYYY-MM-DD plus n days (UTC). */
export function addDays(day: string, n: number): string {
  const t = new Date(`${day}T00:00:00Z`).getTime();
  return Number.isNaN(t) ? day : new Date(t + n * 86400_000).toISOString().slice(0, 10);
}

/** A decimal money string ("6.505000") with trailing zeros dropped but at least two places: "6.505". */
export function money(decimal: string): string {
  const m = /^(-?\d+)(?:\.(\d*))?$/.exec(decimal.trim());
  if (!m) return decimal;
  const fraction = (m[2] ?? '').replace(/0+$/, '').padEnd(2, '0');
  return `${m[1]}.${fraction}`;
}
