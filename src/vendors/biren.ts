/**
 * Biren: BIRENSUPA, process-level visibility through SUPA_VISIBLE_DEVICES.
 *
 * Sources: the catalog's research found no variable (vendors.md: "Biren: no source found"). Public code found
 * with the code search settles it: a Ray accelerator manager for Biren SUPA and the vLLM SUPA plugin's docs
 * select devices with SUPA_VISIBLE_DEVICES, which must be set before torch_br is imported. BIREN_VISIBLE_DEVICES appears in
 * container launch scripts (with the cards mapped by the runtime) and is not set for a process.
 * HAMI-CM, HAMI-DOC (docs/biren-support.md): birentech.com/gpu is whole-card only, so shareEnforced=false and
 * a share carries only the vendor-neutral Junction variables.
 */
import { defineVendor } from './define.js';

export const biren = defineVendor({
  id: 'biren',
  displayName: 'Biren',
  aliases: ['birentech', 'supa', 'birensupa'],
  stack: 'BIRENSUPA',
  visibleDevicesVariables: ['SUPA_VISIBLE_DEVICES'],
});
