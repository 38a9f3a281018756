/**
 * Iluvatar CoreX: a CUDA-compatible stack, process-level visibility through CUDA_VISIBLE_DEVICES.
 *
 * Sources (ids from src/catalog/sources.ts):
 * - FLAGPERF: CUDA_VISIBLE_DEVICES; FG-CI: ILUVATAR_VISIBLE_DEVICES. Sources conflict; we follow
 *   CUDA_VISIBLE_DEVICES because CoreX implements the CUDA runtime API (ILU-IXSMI, ILU-FLYDSL: CUDA
 *   compatibility layer, torch.cuda), which honours it. ILUVATAR_COREX_VISIBLE_DEVICES, seen in public
 *   device-plugin code, is the container runtime's (it takes UUIDs) and is not set for a process.
 * - HAMI-DOC (docs/iluvatar-gpu-support.md), HAMI-CM: shares (iluvatar.ai/<model>.vMem in 256 MB units,
 *   .vCore percent) are enforced by the vendor's gpu-manager, not process variables, so a share adds only
 *   the vendor-neutral Junction variables here.
 */
import { defineVendor } from './define.js';

export const iluvatar = defineVendor({
  id: 'iluvatar',
  displayName: 'Iluvatar CoreX',
  aliases: ['corex', 'iluvatar-corex', 'ixuca', 'tianshu'],
  stack: 'CoreX',
  visibleDevicesVariables: ['CUDA_VISIBLE_DEVICES'],
  shareEnv: () => ({}),
});
