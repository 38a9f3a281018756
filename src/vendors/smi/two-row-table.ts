/**
 * The nvidia-smi-style summary table several vendors' tools copy: after the `|===` line, each device is a row whose
 * first cell starts with its index and name, then a row whose cells hold `used / total` memory. Tools differ in
 * what else the cells hold; `trailing` drops trailing words of the name cell (persistence mode, firmware), and
 * `unhealthy` reads a device's first row for an error the tool prints. A process table ends the device rows.
 */
import type { DeviceInfo } from '../../cluster/types.js';
import type { SmiResult } from '../types.js';
import { boxedRows, fail, modelIdFor, ok, totals } from './common.js';

export interface TwoRowTable {
  tool: string;
  vendor: string;
  /** Words at the end of the first cell that are not the name. */
  trailing: number;
  patterns?: readonly (readonly [RegExp, string])[];
  unhealthy(first: readonly string[], second: readonly string[]): boolean;
}

export function parseTwoRowTable(spec: TwoRowTable, text: string): SmiResult {
  if (text.trim() === '') return ok([]);
  const rows = boxedRows(text);
  if (rows === undefined) return fail(spec.tool, 'no table found', text.split('\n')[0]);
  const devices: DeviceInfo[] = [];
  for (let i = 0; i < rows.length; i++) {
    const cells = rows[i]!;
    if (cells.some((c) => /\bPID\b|process/i.test(c))) break;
    const words = (cells[0] ?? '').split(/\s+/);
    if (!/^\d+$/.test(words[0] ?? '') || words.length < 2 + spec.trailing) continue;
    const next = rows[i + 1];
    if (!next) return fail(spec.tool, 'device row without its memory row', cells.join(' | '));
    i++;
    const name = words.slice(1, words.length - spec.trailing).join(' ');
    const memory = next.map((c) => totals(c)[0]).find((t) => t !== undefined) ?? 0;
    devices.push({
      index: Number(words[0]),
      vendor: spec.vendor,
      model: modelIdFor(spec.vendor, name, spec.patterns),
      memoryMiB: memory,
      healthy: memory > 0 && !spec.unhealthy(cells, next),
    });
  }
  if (devices.length === 0 && rows.length > 0 && !rows.some((r) => /PID|process/i.test(r.join(' ')))) {
    return fail(spec.tool, 'rows but no device row', rows[0]!.join(' | '));
  }
  return ok(devices);
}

/** An uncorrected-ECC count above zero in the last word of a cell. */
export function eccAbove0(cell: string | undefined): boolean {
  const last = (cell ?? '').split(/\s+/).at(-1) ?? '';
  return /^\d+$/.test(last) && Number(last) > 0;
}
