/**
 * Enflame GCU: TopsRider, process-level visibility through TOPS_VISIBLE_DEVICES.
 *
 * Sources (ids from src/catalog/sources.ts):
 * - EF-ENV, FG-CI: TOPS_VISIBLE_DEVICES for the process (vLLM's GCU platform uses it);
 *   ENFLAME_VISIBLE_DEVICES is what the device plugin hands the container runtime, and is not set here.
 * - HAMI-DOC (docs/enflame-gcu-support.md), HAMI-CM: shares (enflame.com/drs-gcu, gcu-memory, gcu-core) are
 *   enforced by the vendor device plugin's DRS slices on S60, not process variables, so a share adds only
 *   the vendor-neutral Junction variables here.
 */
import { defineVendor } from './define.js';

export const enflame = defineVendor({
  id: 'enflame',
  displayName: 'Enflame GCU',
  aliases: ['gcu', 'tops', 'topsrider', 'suiyuan'],
  stack: 'TopsRider',
  visibleDevicesVariables: ['TOPS_VISIBLE_DEVICES'],
  shareEnv: () => ({}),
});
