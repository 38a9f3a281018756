/**
 * Exact integer arithmetic for metering: BigInt products, half-up rounding and decimal strings
 * made from integers (never from floats, so "1.234567" is exactly 1234567 micros).
 */

export const MS_PER_HOUR = 3_600_000n;
/** deviceMilli × ms per device-hour. */
export const DEVICE_MILLI_MS_PER_HOUR = 1000n * MS_PER_HOUR;
/** cpuMillis × ms per core-hour. */
export const CPU_MILLI_MS_PER_HOUR = 1000n * MS_PER_HOUR;
/** memoryMiB × ms per GiB-hour. */
export const MEMORY_MIB_MS_PER_GIB_HOUR = 1024n * MS_PER_HOUR;

/** n / d rounded half-up (ties away from zero for negative n); d > 0. */
export function roundDiv(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new Error(`roundDiv: divisor must be positive, got ${d}`);
  if (n < 0n) return -roundDiv(-n, d);
  return (2n * n + d) / (2n * d);
}

/** n / d as a decimal string with `places` decimals, rounded half-up: decimal(5n, 4n, 2) = "1.25". */
export function decimal(n: bigint, d: bigint, places = 6): string {
  const scale = 10n ** BigInt(places);
  const scaled = roundDiv(n * scale, d);
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  const whole = abs / scale;
  const frac = (abs % scale).toString().padStart(places, '0');
  return `${negative ? '-' : ''}${whole}${places > 0 ? `.${frac}` : ''}`;
}

/** Integer micro-units as a decimal with 6 places: 1234567 → "1.234567". */
export function formatMicros(micros: number | bigint): string {
  const n = typeof micros === 'bigint' ? micros : BigInt(micros);
  return decimal(n, 1_000_000n, 6);
}

/** A BigInt sum as a number, refusing to lose precision. */
export function safeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new Error(`${what}: ${value} exceeds the safe integer range (2^53); split the query into smaller groups`);
  }
  return Number(value);
}

/** A display number of hours (6 decimals) from an exact integer quantity. */
export function hours(quantity: bigint, perHour: bigint): number {
  return Number(decimal(quantity, perHour, 6));
}
