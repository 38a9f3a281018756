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
 *
 * Kubernetes: kunlunxin.com/xpu whole; HAMi vXPU kunlunxin.com/vxpu with kunlunxin.com/vxpu-memory (MiB; compute
 * follows the memory partition), charts/hami values.yaml and pkg/device/kunlun. HAMi defines no type annotation.
 * Slurm: unknown to Slurm; Flags=no_gpu_env, Junction sets XPU_VISIBLE_DEVICES.
 */
import { defineVendor } from './define.js';
import { slurmConventions } from './slurm.js';
import { xpuSmi } from './smi/xpu-smi.js';
import type { StackInfo } from './types.js';

/** Kunlunxin's PyTorch support is vendor-distributed (torch_xmlir, KL-ENV); no public image was found. */
export const kunlunxinStacks: readonly StackInfo[] = [
  {
    stack: 'XRE',
    version: '5',
    pytorch: { source: 'plugin', package: 'torch_xmlir', versions: [] },
    notes: 'XPU driver/runtime 5.0.x, the line HAMi requires for P800 vXPU.',
  },
];

export const kunlunxin = defineVendor({
  id: 'kunlunxin',
  displayName: 'Kunlunxin XPU',
  aliases: ['kunlun', 'xpu', 'baidu-kunlun', 'kunlunxin-xpu'],
  stack: 'XRE',
  visibleDevicesVariables: ['XPU_VISIBLE_DEVICES'],
  shareEnv: () => ({}),
  kubernetes: {
    device: 'kunlunxin.com/xpu',
    hamiDevice: 'kunlunxin.com/xpu',
    share: { count: 'kunlunxin.com/vxpu', memory: 'kunlunxin.com/vxpu-memory', memoryUnitMiB: 1 },
  },
  slurm: slurmConventions('none'),
  stacks: kunlunxinStacks,
  discovery: xpuSmi,
});
