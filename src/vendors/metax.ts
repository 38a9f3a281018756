/**
 * MetaX (C500/C550): MACA, process-level visibility through MACA_VISIBLE_DEVICES.
 *
 * Sources (ids from src/catalog/sources.ts):
 * - FG-CI: MACA_VISIBLE_DEVICES; FENGWU: CUDA_VISIBLE_DEVICES (C550, through MetaX's CUDA-compatible PyTorch).
 *   Sources conflict; we follow MACA_VISIBLE_DEVICES, the MACA runtime's own variable, which public MetaX
 *   launch scripts and a Ray accelerator manager found with the code search also set, and it holds for
 *   non-PyTorch programs too. Only one is set so indices are not filtered twice.
 * - HAMI-DOC (docs/metax-support.md), HAMI-CM: shares (metax-tech.com/sgpu, vcore percent, vmemory GiB) are
 *   enforced by the MetaX GPU operator's sGPU devices, not process variables, so a share adds only the
 *   vendor-neutral Junction variables here.
 */
import { defineVendor } from './define.js';

export const metax = defineVendor({
  id: 'metax',
  displayName: 'MetaX',
  aliases: ['maca', 'mxmaca', 'muxi'],
  stack: 'MACA',
  visibleDevicesVariables: ['MACA_VISIBLE_DEVICES'],
  shareEnv: () => ({}),
});
