/**
 * Huawei Ascend: CANN, process-level visibility through ASCEND_RT_VISIBLE_DEVICES.
 *
 * Sources (ids from src/catalog/sources.ts):
 * - FENGWU, FG-CI: ASCEND_RT_VISIBLE_DEVICES for the process (CANN runtime).
 * - HAMI-CODE, FLAGPERF: ASCEND_VISIBLE_DEVICES, which is the Ascend container runtime's variable (it selects
 *   the chips mounted into a container). Sources conflict on which to use; we follow ASCEND_RT_VISIBLE_DEVICES
 *   because the task is a process on a node, and setting both would filter twice.
 * - HAMI-DOC (docs/ascend910b-support.md), HAMI-CM: shares are vNPU templates (fixed memory and AI-core
 *   slices per chip model) created by the Ascend device plugin and container runtime, not process variables,
 *   so a share adds only the vendor-neutral Junction variables here.
 */
import { defineVendor } from './define.js';

export const huawei = defineVendor({
  id: 'huawei',
  displayName: 'Huawei Ascend',
  aliases: ['ascend', 'npu', 'cann'],
  stack: 'CANN',
  visibleDevicesVariables: ['ASCEND_RT_VISIBLE_DEVICES'],
  shareEnv: () => ({}),
});
