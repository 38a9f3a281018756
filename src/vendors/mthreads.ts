/**
 * Moore Threads: MUSA, process-level visibility through MUSA_VISIBLE_DEVICES.
 *
 * Sources (ids from src/catalog/sources.ts):
 * - FLAGPERF, FG-CI, FENGWU, MLU-ENV, MT-K8S: MUSA_VISIBLE_DEVICES.
 * - HAMI-DOC (docs/mthreads-support.md), HAMI-CM: shares (mthreads.com/vgpu, sgpu-memory in 512 MB units,
 *   sgpu-core) are enforced by the vendor device plugin on MTT S4000, single-device only; the limits live
 *   in the allocated sGPU, not in process variables, so a share adds only the vendor-neutral variables here.
 */
import { defineVendor } from './define.js';

export const mthreads = defineVendor({
  id: 'mthreads',
  displayName: 'Moore Threads',
  aliases: ['moore-threads', 'moorethreads', 'musa', 'mtt'],
  stack: 'MUSA',
  visibleDevicesVariables: ['MUSA_VISIBLE_DEVICES'],
  shareEnv: () => ({}),
});
