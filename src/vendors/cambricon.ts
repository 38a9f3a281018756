/**
 * Cambricon MLU: Neuware (CNToolkit), process-level visibility through MLU_VISIBLE_DEVICES.
 *
 * Sources (ids from src/catalog/sources.ts):
 * - FLAGPERF, FG-CI, MLU-ENV: MLU_VISIBLE_DEVICES.
 * - HAMI-DOC (docs/cambricon-mlu-support.md), HAMI-CM: shares (cambricon.com/mlu.smlu.vmemory, .vcore) are
 *   enforced by Cambricon's device plugin in dynamic-smlu mode, which creates an sMLU slice with those limits
 *   (the node must run `cnmon set -c N -smlu on`). The limits live in the slice, not in process variables,
 *   so a share adds only the vendor-neutral Junction variables here.
 */
import { defineVendor } from './define.js';

export const cambricon = defineVendor({
  id: 'cambricon',
  displayName: 'Cambricon MLU',
  aliases: ['mlu', 'neuware', 'cnrt'],
  stack: 'Neuware',
  visibleDevicesVariables: ['MLU_VISIBLE_DEVICES'],
  shareEnv: () => ({}),
});
