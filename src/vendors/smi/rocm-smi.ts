/**
 * AMD devices from `rocm-smi --showproductname --showmeminfo vram --json`.
 *
 * Format (rocm-smi --json, ROCm docs "ROCm SMI" / rocm_smi_lib python_smi_tools): one object per device keyed
 * `card<N>` (N = the index HIP and ROCr count), plus a `system` object; product fields "Card series",
 * "Card model", "Card SKU"; VRAM as "VRAM Total Memory (B)" in bytes (strings). A device whose VRAM cannot be read
 * reports "N/A" and is taken as unhealthy. Field capitalisation differs between releases ("Card Series"), so keys
 * are matched ignoring case. hy-smi (Hygon) is a fork and is read by the same function.
 */
import type { DeviceInfo } from '../../cluster/types.js';
import type { SmiResult, SmiTool } from '../types.js';
import { fail, modelIdFor, ok } from './common.js';

export const ROCM_SMI_ARGS = ['--showproductname', '--showmeminfo', 'vram', '--json'] as const;

const AMD_PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/MI300X/i, 'amd-instinct-mi300x'],
  [/MI250X/i, 'amd-instinct-mi250x'],
  [/MI210/i, 'amd-instinct-mi210'],
];

function field(entry: Record<string, unknown>, name: string): string | undefined {
  for (const [key, value] of Object.entries(entry)) {
    if (key.toLowerCase() === name.toLowerCase() && typeof value === 'string') return value.trim();
  }
  return undefined;
}

export function parseRocmSmiJsonFor(
  tool: string,
  vendor: string,
  text: string,
  patterns: readonly (readonly [RegExp, string])[],
): SmiResult {
  if (text.trim() === '') return ok([]);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return fail(tool, `not JSON: ${(error as Error).message}`, text.split('\n')[0]);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return fail(tool, 'not a JSON object');
  const devices: DeviceInfo[] = [];
  for (const [key, value] of Object.entries(data)) {
    const card = /^card(\d+)$/i.exec(key);
    if (!card) continue;
    if (typeof value !== 'object' || value === null) return fail(tool, `${key} is not an object`);
    const entry = value as Record<string, unknown>;
    const name = field(entry, 'Card series') ?? field(entry, 'Card SKU') ?? field(entry, 'Card model') ?? '';
    const bytes = field(entry, 'VRAM Total Memory (B)');
    const memoryKnown = bytes !== undefined && /^\d+$/.test(bytes) && Number(bytes) > 0;
    devices.push({
      index: Number(card[1]),
      vendor,
      model: modelIdFor(vendor, name, patterns),
      memoryMiB: memoryKnown ? Math.round(Number(bytes) / 1048576) : 0,
      healthy: memoryKnown,
    });
  }
  return ok(devices.sort((a, b) => a.index - b.index));
}

export function parseRocmSmi(text: string): SmiResult {
  return parseRocmSmiJsonFor('rocm-smi', 'amd', text, AMD_PATTERNS);
}

export const rocmSmi: SmiTool = { command: 'rocm-smi', args: ROCM_SMI_ARGS, parse: parseRocmSmi };
