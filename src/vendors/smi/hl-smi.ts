/**
 * Intel Gaudi devices from `hl-smi --query-aip=... --format=csv,noheader,nounits`.
 *
 * Format (Intel Gaudi docs, "System Management Interface Tool (hl-smi)": query mode mirrors nvidia-smi's). The
 * index Junction keeps is `module_id`, since HABANA_VISIBLE_MODULES takes module ids (GD-VLLM), not the
 * enumeration index. Product names are board names: HL-225 (Gaudi 2), HL-325L / HL-338 (Gaudi 3).
 */
import type { SmiResult, SmiTool } from '../types.js';
import { parseCsvQuery } from './csv-query.js';

export const HL_SMI_FIELDS = ['module_id', 'uuid', 'name', 'memory.total'] as const;
export const HL_SMI_ARGS = [`--query-aip=${HL_SMI_FIELDS.join(',')}`, '--format=csv,noheader,nounits'] as const;

const GAUDI_PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/HL-?2\d\d|gaudi\s?2/i, 'intel-gaudi-2'],
  [/HL-?3\d\d|gaudi\s?3/i, 'intel-gaudi-3'],
];

export function parseHlSmi(text: string): SmiResult {
  return parseCsvQuery(
    {
      tool: 'hl-smi',
      vendor: 'intel',
      fields: HL_SMI_FIELDS,
      indexField: 'module_id',
      nameField: 'name',
      memoryField: 'memory.total',
      uuidField: 'uuid',
      patterns: GAUDI_PATTERNS,
    },
    text,
  );
}

export const hlSmi: SmiTool = { command: 'hl-smi', args: HL_SMI_ARGS, parse: parseHlSmi };
