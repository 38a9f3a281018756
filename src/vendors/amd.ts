/**
 * AMD Instinct: ROCm, process-level visibility through HIP_VISIBLE_DEVICES.
 *
 * Sources (ids from src/catalog/sources.ts):
 * - FG, HAMI-CODE: HIP_VISIBLE_DEVICES for the process; ROCR_VISIBLE_DEVICES is the lower ROCr runtime's
 *   filter, which HAMi's AMD design injects at container level. Setting both with the same host indices would
 *   filter twice (HIP renumbers after ROCr), so only HIP_VISIBLE_DEVICES is set.
 * - OPT-AMD: an MI250X card appears as two devices (one per GCD); indices count GCDs.
 * - Shares: HAMi's supported-device table (Project-HAMi/website, userguide/Device-supported.md) lists no AMD
 *   device, and the amd.com/gpumem resources (HAMI-CM) come from a development design, so nothing is taken to
 *   enforce a share on AMD: shareEnforced=false, only the vendor-neutral variables are set.
 *
 * Kubernetes: amd.com/gpu (AMD device plugin). HAMi's current chart (device-configmap `amd:`) and
 * pkg/device/amd/device.go define amd.com/gpumem, amd.com/gpucores and amd.com/use-gputype / nouse-gputype /
 * use-gpu-uuid / nouse-gpu-uuid; those are the share names here. shareEnforced stays false: the process
 * variables above are what this adapter can vouch for.
 * Slurm: gres/gpu sets ROCR_VISIBLE_DEVICES (Flags=amd_gpu_env), which HIP honours, so Junction adds nothing.
 * Stacks: PyTorch's upstream ROCm wheels; the line for each PyTorch release is from its install matrix.
 */
import { defineVendor } from './define.js';
import { slurmConventions } from './slurm.js';
import { rocmSmi } from './smi/rocm-smi.js';
import type { StackInfo } from './types.js';

const upstream = (versions: string[]) => ({ source: 'upstream' as const, package: 'torch', versions });

/** PyTorch's own ROCm wheel indexes (download.pytorch.org/whl/rocm<X.Y>); no image tag was verified. */
export const amdStacks: readonly StackInfo[] = [
  { stack: 'ROCm', version: '5.7', pytorch: upstream(['2.2']) },
  { stack: 'ROCm', version: '6.0', pytorch: upstream(['2.3']) },
  { stack: 'ROCm', version: '6.1', pytorch: upstream(['2.4', '2.5', '2.6']) },
  { stack: 'ROCm', version: '6.2', pytorch: upstream(['2.5', '2.6', '2.7']) },
  { stack: 'ROCm', version: '6.3', pytorch: upstream(['2.7', '2.8']) },
  { stack: 'ROCm', version: '6.4', pytorch: upstream(['2.8']) },
];

export const amd = defineVendor({
  id: 'amd',
  displayName: 'AMD Instinct',
  aliases: ['rocm', 'instinct', 'hip', 'radeon'],
  stack: 'ROCm',
  visibleDevicesVariables: ['HIP_VISIBLE_DEVICES'],
  kubernetes: {
    device: 'amd.com/gpu',
    hamiDevice: 'amd.com/gpu',
    share: { count: 'amd.com/gpu', memory: 'amd.com/gpumem', memoryUnitMiB: 1, core: 'amd.com/gpucores' },
    useModelAnnotation: 'amd.com/use-gputype',
    avoidModelAnnotation: 'amd.com/nouse-gputype',
    useUuidAnnotation: 'amd.com/use-gpu-uuid',
    avoidUuidAnnotation: 'amd.com/nouse-gpu-uuid',
  },
  slurm: slurmConventions('rocr'),
  stacks: amdStacks,
  discovery: rocmSmi,
});
