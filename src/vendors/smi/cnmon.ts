/**
 * Cambricon MLU devices from `cnmon` (no arguments: the summary table).
 *
 * Format (Cambricon CNMon user guide, summary view): after the `|===` line, two rows per card:
 * `| <card> <vf> <name> <firmware> | <bus id> | <util> <ecc errors> |` and
 * `| <fan> <temp> <power> | <used> MiB/ <total> MiB | <mode> <compute mode> |`. A card with ECC errors above zero,
 * or memory it cannot report, is unhealthy. The process table ("PID") ends the device rows.
 */
import type { DeviceInfo } from '../../cluster/types.js';
import type { SmiResult, SmiTool } from '../types.js';
import { boxedRows, fail, modelIdFor, ok, totals } from './common.js';

export const CNMON_ARGS = [] as const;

export function parseCnmon(text: string): SmiResult {
  if (text.trim() === '') return ok([]);
  const rows = boxedRows(text);
  if (rows === undefined) return fail('cnmon', 'no table found', text.split('\n')[0]);
  const devices: DeviceInfo[] = [];
  for (let i = 0; i < rows.length; i++) {
    const cells = rows[i]!;
    if (cells.some((c) => /\bPID\b|process/i.test(c))) break;
    const head = /^(\d+)\s+(\S+)\s+(\S+)(?:\s+\S+)?$/.exec(cells[0] ?? '');
    if (!head) continue;
    const next = rows[i + 1];
    if (!next) return fail('cnmon', 'card row without its memory row', cells.join(' | '));
    i++;
    const ecc = (cells[2] ?? '').split(/\s+/).at(-1) ?? '';
    const eccBad = /^\d+$/.test(ecc) && Number(ecc) > 0;
    const memory = totals(next[1] ?? '')[0] ?? 0;
    devices.push({
      index: Number(head[1]),
      vendor: 'cambricon',
      model: modelIdFor('cambricon', head[3]!),
      memoryMiB: memory,
      healthy: memory > 0 && !eccBad,
    });
  }
  if (devices.length === 0 && rows.length > 0 && !rows.some((r) => /PID|process/i.test(r.join(' ')))) {
    return fail('cnmon', 'rows but no card row', rows[0]!.join(' | '));
  }
  return ok(devices);
}

export const cnmon: SmiTool = { command: 'cnmon', args: CNMON_ARGS, parse: parseCnmon };
