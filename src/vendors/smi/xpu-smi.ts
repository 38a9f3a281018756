/**
 * Kunlunxin XPU devices from `xpu-smi` (no arguments: the summary table).
 *
 * Format (Kunlunxin XPU-SMI manual; layout copied from nvidia-smi): per device,
 * `| <idx> <name> <persistence> | <bus id> <disp> | <uncorrected ECC> |` then
 * `| <fan> <temp> <perf> <power> | <used>MiB / <total>MiB | <util> <compute mode> |`. ECC above zero is unhealthy.
 * Names are model names (R200, P800, P800 OAM). No public sample was found at the time of writing: check on a node.
 */
import type { SmiResult, SmiTool } from '../types.js';
import { eccAbove0, parseTwoRowTable } from './two-row-table.js';

export const XPU_SMI_ARGS = [] as const;

export function parseXpuSmi(text: string): SmiResult {
  return parseTwoRowTable(
    { tool: 'xpu-smi', vendor: 'kunlunxin', trailing: 1, unhealthy: (first) => eccAbove0(first[2]) },
    text,
  );
}

export const xpuSmi: SmiTool = { command: 'xpu-smi', args: XPU_SMI_ARGS, parse: parseXpuSmi };
