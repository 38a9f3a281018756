/**
 * Hygon DCU devices from `hy-smi --showproductname --showmeminfo vram --json`.
 *
 * hy-smi is Hygon's fork of rocm-smi (HAMI-CODE lists it as the DCU tool; FG: FlagGems' Hygon backend queries it)
 * and keeps rocm-smi's `card<N>` JSON layout, so it is read by the rocm-smi reader; product names are DCU model
 * names (Z100, Z100L, K100, K100_AI, BW1000), matched against the catalog. No public sample of hy-smi's JSON was
 * found: the layout is taken from rocm-smi and should be checked against a real node.
 */
import type { SmiResult, SmiTool } from '../types.js';
import { parseRocmSmiJsonFor, ROCM_SMI_ARGS } from './rocm-smi.js';

export const HY_SMI_ARGS = ROCM_SMI_ARGS;

const HYGON_PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/K100[\s_-]?AI/i, 'hygon-dcu-k100_ai'],
  [/Z100L/i, 'hygon-dcu-z100l'],
  [/BW1000/i, 'hygon-bw1000'],
];

export function parseHySmi(text: string): SmiResult {
  return parseRocmSmiJsonFor('hy-smi', 'hygon', text, HYGON_PATTERNS);
}

export const hySmi: SmiTool = { command: 'hy-smi', args: HY_SMI_ARGS, parse: parseHySmi };
