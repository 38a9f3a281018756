/**
 * Iluvatar CoreX devices from ixsmi's CSV query mode.
 *
 * ixsmi is CoreX's counterpart of nvidia-smi (ILU-IXSMI; FG: FlagGems' Iluvatar backend queries it) and accepts the
 * same `--query-gpu=... --format=csv,noheader,nounits` mode; names read like "Iluvatar BI-V150".
 */
import type { SmiResult, SmiTool } from '../types.js';
import { parseCsvQuery } from './csv-query.js';

export const IXSMI_FIELDS = ['index', 'uuid', 'name', 'memory.total'] as const;
export const IXSMI_ARGS = [`--query-gpu=${IXSMI_FIELDS.join(',')}`, '--format=csv,noheader,nounits'] as const;

const ILUVATAR_PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/BI-?V?150/i, 'iluvatar-corex-bi-v150'],
  [/BI-?V?100/i, 'iluvatar-corex-bi-v100'],
  [/MR-?V?100/i, 'iluvatar-corex-mr-v100'],
];

export function parseIxsmi(text: string): SmiResult {
  return parseCsvQuery(
    {
      tool: 'ixsmi',
      vendor: 'iluvatar',
      fields: IXSMI_FIELDS,
      indexField: 'index',
      nameField: 'name',
      memoryField: 'memory.total',
      uuidField: 'uuid',
      patterns: ILUVATAR_PATTERNS,
    },
    text,
  );
}

export const ixsmi: SmiTool = { command: 'ixsmi', args: IXSMI_ARGS, parse: parseIxsmi };
