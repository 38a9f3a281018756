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
 *
 * Kubernetes: sources conflict on the whole-device name: the Deep-Spark ix-device-plugin README registers
 * iluvatar.ai/gpu, a 2026 CoreX 4.3 deployment note records iluvatar.com/gpu as what the current plugin registers;
 * we follow the newer iluvatar.com/gpu and export the old spelling. HAMi names per chip (charts/hami
 * `iluvatars`): iluvatar.ai/<chip>-vgpu, .vMem (256 MiB units), .vCore (percent), so a share needs the model.
 * Slurm: CoreX honours CUDA_VISIBLE_DEVICES, which gres/gpu sets (Flags=nvidia_gpu_env); shards work as on NVIDIA.
 */
import { defineVendor } from './define.js';
import { slurmConventions } from './slurm.js';
import { ixsmi } from './smi/ixsmi.js';
import type { KubernetesNames, StackInfo } from './types.js';

const CHIP: Record<string, string> = {
  'iluvatar-corex-bi-v100': 'BI-V100',
  'iluvatar-corex-bi-v150': 'BI-V150',
  'iluvatar-corex-mr-v100': 'MR-V100',
};

/** The device plugin's current name; `iluvatar.ai/gpu` is the older spelling some clusters still register. */
export const ILUVATAR_LEGACY_DEVICE = 'iluvatar.ai/gpu';

export function iluvatarKubernetesNames(model?: string): KubernetesNames {
  const device = 'iluvatar.com/gpu';
  const chip = model === undefined ? undefined : CHIP[model];
  if (chip === undefined) return { device, hamiDevice: device, share: null };
  return {
    device,
    hamiDevice: `iluvatar.ai/${chip}-vgpu`,
    share: {
      count: `iluvatar.ai/${chip}-vgpu`,
      memory: `iluvatar.ai/${chip}.vMem`,
      memoryUnitMiB: 256,
      core: `iluvatar.ai/${chip}.vCore`,
    },
    useUuidAnnotation: `hami.io/use-${chip}-uuid`,
  };
}

/** CoreX carries Iluvatar's own CUDA-compatible PyTorch build (ILU-FLYDSL); a CoreX 4.3 node ran torch 2.4.1. */
export const iluvatarStacks: readonly StackInfo[] = [
  { stack: 'CoreX', version: '4.3', pytorch: { source: 'vendor', package: 'torch', versions: ['2.4'] } },
];

export const iluvatar = defineVendor({
  id: 'iluvatar',
  displayName: 'Iluvatar CoreX',
  aliases: ['corex', 'iluvatar-corex', 'ixuca', 'tianshu'],
  stack: 'CoreX',
  visibleDevicesVariables: ['CUDA_VISIBLE_DEVICES'],
  shareEnv: () => ({}),
  kubernetes: iluvatarKubernetesNames,
  slurm: slurmConventions('cuda'),
  stacks: iluvatarStacks,
  discovery: ixsmi,
});
