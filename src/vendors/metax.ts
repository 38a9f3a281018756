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
 *
 * Kubernetes: metax-tech.com/gpu (MetaX GPU device plugin, as HAMi's device-configmap names it; one deployment
 * table writes metax.com/gpu, we follow HAMi's, which is written against MetaX's plugin). HAMi sGPU:
 * metax-tech.com/sgpu, vmemory (GiB), vcore (percent); no type annotation.
 * Slurm: unknown to Slurm; Flags=no_gpu_env, Junction sets MACA_VISIBLE_DEVICES.
 */
import { defineVendor } from './define.js';
import { slurmConventions } from './slurm.js';
import { mxSmi } from './smi/mx-smi.js';
import type { StackInfo } from './types.js';

/** MetaX ships its own PyTorch build for MACA (FENGWU); no public image was found. */
export const metaxStacks: readonly StackInfo[] = [
  { stack: 'MACA', version: '2', pytorch: { source: 'vendor', package: 'torch', versions: [] } },
];

export const metax = defineVendor({
  id: 'metax',
  displayName: 'MetaX',
  aliases: ['maca', 'mxmaca', 'muxi'],
  stack: 'MACA',
  visibleDevicesVariables: ['MACA_VISIBLE_DEVICES'],
  shareEnv: () => ({}),
  kubernetes: {
    device: 'metax-tech.com/gpu',
    hamiDevice: 'metax-tech.com/gpu',
    share: {
      count: 'metax-tech.com/sgpu',
      memory: 'metax-tech.com/vmemory',
      memoryUnitMiB: 1024,
      core: 'metax-tech.com/vcore',
    },
    useUuidAnnotation: 'metax-tech.com/use-gpuuuid',
  },
  slurm: slurmConventions('none'),
  stacks: metaxStacks,
  discovery: mxSmi,
});
