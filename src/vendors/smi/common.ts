/**
 * What every SMI parser shares: results as values, catalog model lookup, sizes and the boxed tables most SMI tools
 * print (nvidia-smi style: `|`-separated cells, a `|===...|` line before the device rows, two or more rows per device).
 */
import { findModel } from '../../catalog/index.js';
import type { DeviceInfo } from '../../cluster/types.js';
import { SmiParseError, type SmiResult } from '../types.js';

export function ok(devices: DeviceInfo[]): SmiResult {
  return { ok: true, devices };
}

export function fail(tool: string, message: string, line?: string): SmiResult {
  return { ok: false, error: new SmiParseError(tool, message, line) };
}

export function unknownModel(vendor: string): string {
  return `${vendor}-unknown`;
}

/**
 * The catalog id for a device name a tool prints: an explicit pattern first, then the whole name, then any word of
 * it, each through findModel and only if the model is this vendor's; `<vendor>-unknown` otherwise.
 */
export function modelIdFor(
  vendor: string,
  name: string,
  patterns: readonly (readonly [RegExp, string])[] = [],
): string {
  for (const [pattern, id] of patterns) if (pattern.test(name)) return id;
  const candidates = [name, ...name.split(/[\s/]+/)];
  for (const candidate of candidates) {
    const m = findModel(candidate);
    if (m && m.vendor === vendor) return m.id;
  }
  return unknownModel(vendor);
}

export function nonBlankLines(text: string): string[] {
  return text.split(/\r?\n/).filter((l) => l.trim() !== '');
}

const UNIT_MIB: Record<string, number> = {
  b: 1 / 1048576,
  kb: 1 / 1024,
  kib: 1 / 1024,
  mb: 1,
  mib: 1,
  gb: 1024,
  gib: 1024,
};

/** `23374 MiB`, `16GiB`, `65536MB` → MiB; undefined when unreadable. */
export function sizeMiB(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?i?b)\s*$/i.exec(text);
  if (!m) return undefined;
  const unit = UNIT_MIB[m[2]!.toLowerCase()];
  return unit === undefined ? undefined : Math.round(Number(m[1]) * unit);
}

/** The cells of each `|`-framed row after the first `|===` (or `+===`) line; other lines are dropped. */
export function boxedRows(text: string): string[][] | undefined {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => /^\s*[|+]=+/.test(l));
  if (start < 0) return undefined;
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    const t = line.trim();
    if (!t.startsWith('|') || !t.endsWith('|') || /^\|[=\-+\s]*\|$/.test(t)) continue;
    rows.push(
      t
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim()),
    );
  }
  return rows;
}

/** The `used / total` pairs in a cell, e.g. `0 MiB/ 23374 MiB` or `858/65536 MiB` or `3161 / 65536`. */
export function totals(cell: string): number[] {
  const out: number[] = [];
  for (const m of cell.matchAll(/(\d+)\s*(?:[kmg]i?b)?\s*\/\s*(\d+)\s*([kmg]i?b)?/gi)) {
    const unit = (m[3] ?? 'mib').toLowerCase();
    out.push(Math.round(Number(m[2]) * (UNIT_MIB[unit] ?? 1)));
  }
  return out;
}

/** A device row of a CSV query (`--format=csv,noheader,nounits`): the cells, or undefined for a line that is not one. */
export function csvCells(line: string, count: number): string[] | undefined {
  const cells = line.split(',').map((c) => c.trim());
  return cells.length === count ? cells : undefined;
}

/** A bracketed error such as `[GPU requires reset]`; `[N/A]` is "not supported", not an error. */
export function isBracketError(value: string): boolean {
  return /^\[.*\]$/.test(value) && !/^\[N\/A\]$/i.test(value);
}
