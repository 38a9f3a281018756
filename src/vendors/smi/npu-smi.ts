/**
 * Huawei Ascend devices from `npu-smi info`.
 *
 * Format (Ascend "npu-smi info" command reference; table as printed by npu-smi 23.x/24.x): after the `+===` line,
 * each NPU is one row `| <npu id> <name> | <health> | <power> <temp> <hugepages> |` followed by one row per chip
 * `| <chip id> [<phy id>] | <bus id> | <aicore%> <memory used / total> [<hbm used / total>] |`. Health is OK,
 * Warning, Alarm or Critical; only OK counts as healthy. Memory is the largest total on the chip row (HBM on 910
 * series, DDR on 310P). The process table that follows ("Process id") ends the device rows.
 * Devices are numbered in the order printed, which is the logical order ASCEND_RT_VISIBLE_DEVICES counts in.
 */
import type { DeviceInfo } from '../../cluster/types.js';
import type { SmiResult, SmiTool } from '../types.js';
import { boxedRows, fail, modelIdFor, ok, totals } from './common.js';

export const NPU_SMI_ARGS = ['info'] as const;

const HEALTH = /^(OK|Warning|Alarm|Critical|UNKNOWN|NA)$/i;

export function parseNpuSmi(text: string): SmiResult {
  if (text.trim() === '') return ok([]);
  const rows = boxedRows(text);
  if (rows === undefined) return fail('npu-smi', 'no table found', text.split('\n')[0]);
  const devices: DeviceInfo[] = [];
  let npu: { name: string; healthy: boolean } | undefined;
  for (const cells of rows) {
    if (cells.some((c) => /process\s*id|no running processes/i.test(c))) break;
    const [first = '', second = '', third = ''] = cells;
    const head = /^(\d+)\s+(\S.*)$/.exec(first);
    if (head && HEALTH.test(second)) {
      npu = { name: head[2]!.trim(), healthy: second.toUpperCase() === 'OK' };
      continue;
    }
    if (/^\d+(\s+\d+)?$/.test(first) && /^[0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\.\d$/i.test(second)) {
      if (!npu) return fail('npu-smi', 'chip row before any NPU row', cells.join(' | '));
      const memory = Math.max(0, ...totals(third));
      devices.push({
        index: devices.length,
        vendor: 'huawei',
        model: modelIdFor('huawei', npu.name),
        memoryMiB: memory,
        healthy: npu.healthy && memory > 0,
      });
      continue;
    }
    if (!npu && !/NPU|Chip/i.test(first)) return fail('npu-smi', 'unrecognised row', cells.join(' | '));
  }
  return ok(devices);
}

export const npuSmi: SmiTool = { command: 'npu-smi', args: NPU_SMI_ARGS, parse: parseNpuSmi };
