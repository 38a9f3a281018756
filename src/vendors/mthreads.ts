/**
 * Moore Threads: MUSA, process-level visibility through MUSA_VISIBLE_DEVICES.
 *
 * Sources (ids from src/catalog/sources.ts):
 * - FLAGPERF, FG-CI, FENGWU, MLU-ENV, MT-K8S: MUSA_VISIBLE_DEVICES.
 * - HAMI-DOC (docs/mthreads-support.md), HAMI-CM: shares (mthreads.com/vgpu, sgpu-memory in 512 MB units,
 *   sgpu-core) are enforced by the vendor device plugin on MTT S4000, single-device only; the limits live
 *   in the allocated sGPU, not in process variables, so a share adds only the vendor-neutral variables here.
 *
 * Kubernetes: mthreads.com/gpu (Moore Threads device plugin; MT-K8S). HAMi: mthreads.com/vgpu with
 * mthreads.com/sgpu-memory in 512 MiB units and mthreads.com/sgpu-core in sixteenths of a card (HAMi device-
 * configmap, docs "allocate device core"); one device per share.
 * Slurm: unknown to Slurm; Flags=no_gpu_env, Junction sets MUSA_VISIBLE_DEVICES.
 */
import { defineVendor } from './define.js';
import { slurmConventions } from './slurm.js';
import { mthreadsGmi } from './smi/mthreads-gmi.js';
import type { StackInfo } from './types.js';

/** PyTorch through the torch_musa plugin (FENGWU); release pairs were not confirmed, no public image found. */
export const mthreadsStacks: readonly StackInfo[] = [
  { stack: 'MUSA', version: '3', pytorch: { source: 'plugin', package: 'torch_musa', versions: [] } },
  { stack: 'MUSA', version: '4', pytorch: { source: 'plugin', package: 'torch_musa', versions: [] } },
];

export const mthreads = defineVendor({
  id: 'mthreads',
  displayName: 'Moore Threads',
  aliases: ['moore-threads', 'moorethreads', 'musa', 'mtt'],
  stack: 'MUSA',
  visibleDevicesVariables: ['MUSA_VISIBLE_DEVICES'],
  shareEnv: () => ({}),
  kubernetes: {
    device: 'mthreads.com/gpu',
    hamiDevice: 'mthreads.com/vgpu',
    share: {
      count: 'mthreads.com/vgpu',
      memory: 'mthreads.com/sgpu-memory',
      memoryUnitMiB: 512,
      core: 'mthreads.com/sgpu-core',
      corePercentPerUnit: 100 / 16,
      maxDevices: 1,
    },
  },
  slurm: slurmConventions('none'),
  stacks: mthreadsStacks,
  discovery: mthreadsGmi,
});
