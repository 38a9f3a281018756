/**
 * MetaX devices from `mx-smi` (no arguments: the summary table).
 *
 * Format (MetaX mx-smi user guide, summary view): after the `|===` line, per GPU
 * `| <idx> <name> | <bus id> | <util> |` then `| <temp> <power> | <used>/<total> MiB | ... |`. Names are product
 * names such as MXC500 or C550. The tool prints no health column here, so a GPU is healthy when its memory reads.
 */
import type { SmiResult, SmiTool } from '../types.js';
import { parseTwoRowTable } from './two-row-table.js';

export const MX_SMI_ARGS = [] as const;

const METAX_PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/C550/i, 'metax-c550'],
  [/C500/i, 'metax-c500'],
];

export function parseMxSmi(text: string): SmiResult {
  return parseTwoRowTable(
    { tool: 'mx-smi', vendor: 'metax', trailing: 0, patterns: METAX_PATTERNS, unhealthy: () => false },
    text,
  );
}

export const mxSmi: SmiTool = { command: 'mx-smi', args: MX_SMI_ARGS, parse: parseMxSmi };
