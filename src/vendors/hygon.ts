/**
 * Hygon DCU: DTK (a ROCm-compatible HIP stack), process-level visibility through HIP_VISIBLE_DEVICES.
 *
 * Sources (ids from src/catalog/sources.ts):
 * - FLAGPERF, FG-CI, FENGWU: HIP_VISIBLE_DEVICES for Hygon DCU.
 * - HAMI-DOC (docs/hygon-dcu-support.md): shares are hygon.com/dcumem (MiB) and hygon.com/dcucores (percent),
 *   enforced by HAMi's DCU device plugin, which creates a virtual DCU with those limits (seen in the
 *   container via `hy-virtual -show-device-info`). The limits live in the virtual device, not in process
 *   variables, so a share adds only the vendor-neutral Junction variables here.
 */
import { defineVendor } from './define.js';

export const hygon = defineVendor({
  id: 'hygon',
  displayName: 'Hygon DCU',
  aliases: ['dcu', 'dtk', 'haiguang'],
  stack: 'DTK',
  visibleDevicesVariables: ['HIP_VISIBLE_DEVICES'],
  shareEnv: () => ({}),
});
