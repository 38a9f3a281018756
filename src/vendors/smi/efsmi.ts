/**
 * Enflame GCU devices from `efsmi` (no arguments: the summary table).
 *
 * Format (Enflame efsmi user guide, summary view): an nvidia-smi-like table, per device
 * `| <dev> <name> <fw version> | <bus id> | ... |` then a row holding `<used> / <total> MiB` memory and a health
 * word. A device whose second row says Abnormal, Error or Fault is unhealthy. Lowest confidence of the readers:
 * the layout is from the guide's sample, not a captured node.
 */
import type { SmiResult, SmiTool } from '../types.js';
import { parseTwoRowTable } from './two-row-table.js';

export const EFSMI_ARGS = [] as const;

export function parseEfsmi(text: string): SmiResult {
  return parseTwoRowTable(
    {
      tool: 'efsmi',
      vendor: 'enflame',
      trailing: 1,
      unhealthy: (_first, second) => second.some((c) => /\b(abnormal|error|fault)\b/i.test(c)),
    },
    text,
  );
}

export const efsmi: SmiTool = { command: 'efsmi', args: EFSMI_ARGS, parse: parseEfsmi };
