/**
 * NVIDIA: CUDA, process-level visibility through CUDA_VISIBLE_DEVICES.
 *
 * Sources (ids from the catalog's source list, src/catalog/sources.ts):
 * - HAMI-CODE, FLAGPERF: CUDA_VISIBLE_DEVICES is the process variable; NVIDIA_VISIBLE_DEVICES is the
 *   container runtime's and is not set here, since a process on a real node is already inside (or outside) it.
 * - HAMi-core README (github.com/Project-HAMi/HAMi-core): CUDA_DEVICE_MEMORY_LIMIT takes a size with a unit
 *   suffix (e.g. 12288m) and CUDA_DEVICE_SM_LIMIT a percent.
 * - HAMi device plugin (pkg/device-plugin/nvidiadevice, Allocate): one CUDA_DEVICE_MEMORY_LIMIT_<i> per device,
 *   i = position within the visible list, and a single CUDA_DEVICE_SM_LIMIT taken from the first device. We follow
 *   the same conventions so a task behaves the same under HAMi-core on any backend.
 *
 * Kubernetes: nvidia.com/gpu (NVIDIA device plugin, also HAMi's count); HAMi shares nvidia.com/gpumem (MiB) and
 * nvidia.com/gpucores (percent); annotations nvidia.com/use-gputype, nouse-gputype, use-gpuuuid, nouse-gpuuuid
 * (HAMi pkg/device/nvidia/device.go, charts/hami/values.yaml). HAMi matches a type annotation as a case-blind
 * substring of the device name, so "H20" also matches an H200; no annotation can tell them apart.
 * Slurm: gres/gpu sets CUDA_VISIBLE_DEVICES itself (Slurm gres.html); shards carry shares.
 * Stacks: PyTorch's upstream wheels per CUDA line (download.pytorch.org/whl/cu118 ... cu128).
 */
import { defineVendor } from './define.js';
import { nvidiaSmi } from './nvidia-smi.js';
import { slurmConventions } from './slurm.js';
import type { StackInfo } from './types.js';

/** Device-name substrings HAMi matches for each catalog model (names as nvidia-smi prints them). */
const HAMI_TYPES: Record<string, string[]> = {
  'nvidia-a100-40gb': ['A100-SXM4-40GB', 'A100-PCIE-40GB'],
  'nvidia-a100-80gb': ['A100-SXM4-80GB', 'A100 80GB PCIe'],
  'nvidia-h100-sxm': ['H100 80GB HBM3'],
  'nvidia-h200': ['H200'],
  'nvidia-h20': ['H20'],
  'nvidia-l40s': ['L40S'],
  'nvidia-geforce-rtx-4090': ['RTX 4090'],
  'nvidia-tesla-v100': ['V100'],
  'nvidia-tesla-t4': ['T4'],
};

const upstream = (versions: string[]) => ({ source: 'upstream' as const, package: 'torch', versions });

/** PyTorch's own wheel indexes (download.pytorch.org/whl/cu<NNN>) and the pytorch/pytorch images on Docker Hub. */
export const nvidiaStacks: readonly StackInfo[] = [
  {
    stack: 'CUDA',
    version: '11.8',
    pytorch: upstream(['2.0', '2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7']),
    image: 'pytorch/pytorch:2.3.1-cuda11.8-cudnn8-runtime',
  },
  {
    stack: 'CUDA',
    version: '12.1',
    pytorch: upstream(['2.1', '2.2', '2.3', '2.4', '2.5']),
    image: 'pytorch/pytorch:2.1.2-cuda12.1-cudnn8-runtime',
  },
  {
    stack: 'CUDA',
    version: '12.4',
    pytorch: upstream(['2.4', '2.5', '2.6']),
    image: 'pytorch/pytorch:2.4.1-cuda12.4-cudnn9-runtime',
  },
  {
    stack: 'CUDA',
    version: '12.6',
    pytorch: upstream(['2.6', '2.7', '2.8']),
    image: 'pytorch/pytorch:2.6.0-cuda12.6-cudnn9-runtime',
  },
  {
    stack: 'CUDA',
    version: '12.8',
    pytorch: upstream(['2.7', '2.8']),
    image: 'pytorch/pytorch:2.7.0-cuda12.8-cudnn9-runtime',
  },
];

export const nvidia = defineVendor({
  id: 'nvidia',
  displayName: 'NVIDIA',
  aliases: ['cuda', 'nv', 'geforce', 'tesla'],
  stack: 'CUDA',
  visibleDevicesVariables: ['CUDA_VISIBLE_DEVICES'],
  shareEnv(devices) {
    const env: Record<string, string> = {};
    devices.forEach((d, i) => {
      env[`CUDA_DEVICE_MEMORY_LIMIT_${i}`] = `${d.memoryMiB}m`;
    });
    const first = devices[0];
    if (first) env.CUDA_DEVICE_SM_LIMIT = String(first.computePercent);
    return env;
  },
  kubernetes: {
    device: 'nvidia.com/gpu',
    hamiDevice: 'nvidia.com/gpu',
    share: { count: 'nvidia.com/gpu', memory: 'nvidia.com/gpumem', memoryUnitMiB: 1, core: 'nvidia.com/gpucores' },
    useModelAnnotation: 'nvidia.com/use-gputype',
    avoidModelAnnotation: 'nvidia.com/nouse-gputype',
    useUuidAnnotation: 'nvidia.com/use-gpuuuid',
    avoidUuidAnnotation: 'nvidia.com/nouse-gpuuuid',
  },
  modelTokens: (model) => HAMI_TYPES[model] ?? [],
  slurm: slurmConventions('cuda'),
  stacks: nvidiaStacks,
  discovery: nvidiaSmi,
});
