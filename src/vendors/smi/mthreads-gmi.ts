/**
 * Moore Threads devices from `mthreads-gmi` (no arguments: the summary view).
 *
 * Format (Moore Threads mthreads-gmi user guide, summary view): not boxed; each GPU starts with a line
 * `<id> <name> |<bus id> |<util> <used>MiB(<total>MiB)` followed by continuation lines that start with spaces.
 * Names read like "MTT S4000". No health column: a GPU is healthy when its total memory reads.
 */
import type { DeviceInfo } from '../../cluster/types.js';
import type { SmiResult, SmiTool } from '../types.js';
import { fail, modelIdFor, nonBlankLines, ok, sizeMiB } from './common.js';

export const MTHREADS_GMI_ARGS = [] as const;

const ROW = /^(\d+)\s+(\S.*?)\s*\|\s*([0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\.\d)\s*\|(.*)$/i;

export function parseMthreadsGmi(text: string): SmiResult {
  const lines = nonBlankLines(text);
  const devices: DeviceInfo[] = [];
  for (const line of lines) {
    const m = ROW.exec(line.trim());
    if (!m) continue;
    const memory = /\(\s*([\d.]+\s*[kmg]i?b)\s*\)/i.exec(m[4]!);
    const total = memory ? sizeMiB(memory[1]!) : undefined;
    devices.push({
      index: Number(m[1]),
      vendor: 'mthreads',
      model: modelIdFor('mthreads', m[2]!),
      memoryMiB: total ?? 0,
      healthy: total !== undefined && total > 0,
    });
  }
  const looksLikeTool = lines.some((l) => /mthreads-gmi|no .*device/i.test(l));
  if (devices.length === 0 && lines.length > 0 && !looksLikeTool) {
    return fail('mthreads-gmi', 'no GPU line', lines[0]);
  }
  return ok(devices);
}

export const mthreadsGmi: SmiTool = { command: 'mthreads-gmi', args: MTHREADS_GMI_ARGS, parse: parseMthreadsGmi };
