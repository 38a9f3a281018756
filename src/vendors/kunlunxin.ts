/**
 * Kunlunxin (Baidu Kunlun) XPU: XPU SDK / XRE runtime, process-level visibility through XPU_VISIBLE_DEVICES.
 *
 * Sources (ids from src/catalog/sources.ts):
 * - FLAGPERF, KL-ENV: XPU_VISIBLE_DEVICES. KL-ENV also reports that P800 under torch_xmlir honours
 *   CUDA_VISIBLE_DEVICES; we follow XPU_VISIBLE_DEVICES, the runtime's own variable, which every XPU
 *   framework reads, and do not set both (two filters would renumber twice).
 * - HAMI-DOC (docs/kunlun-vxpu-support.md), HAMI-CODE: shares are vXPU partitions (kunlunxin.com/vxpu,
 *   vxpu-memory in MiB, aligned to 1/4, 1/2 or all of a P800) made by the vendor device plugin, not process
 *   variables, so a share adds only the vendor-neutral Junction variables here.
 */
import { defineVendor } from './define.js';

export const kunlunxin = defineVendor({
  id: 'kunlunxin',
  displayName: 'Kunlunxin XPU',
  aliases: ['kunlun', 'xpu', 'baidu-kunlun', 'kunlunxin-xpu'],
  stack: 'XRE',
  visibleDevicesVariables: ['XPU_VISIBLE_DEVICES'],
  shareEnv: () => ({}),
});
