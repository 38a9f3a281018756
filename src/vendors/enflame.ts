/**
 * Enflame GCU: TopsRider, process-level visibility through TOPS_VISIBLE_DEVICES.
 *
 * Sources (ids from src/catalog/sources.ts):
 * - EF-ENV, FG-CI: TOPS_VISIBLE_DEVICES for the process (vLLM's GCU platform uses it);
 *   ENFLAME_VISIBLE_DEVICES is what the device plugin hands the container runtime, and is not set here.
 * - HAMI-DOC (docs/enflame-gcu-support.md), HAMI-CM: shares (enflame.com/drs-gcu, gcu-memory, gcu-core) are
 *   enforced by the vendor device plugin's DRS slices on S60, not process variables, so a share adds only
 *   the vendor-neutral Junction variables here.
 *
 * Kubernetes: enflame.com/gcu whole (HAMi device-configmap resourceNameGCU). HAMi DRS shares: asked either as a
 * slice count (enflame.com/drs-gcu) or as enflame.com/gcu-memory (MiB) plus enflame.com/gcu-core (percent), which
 * HAMi maps to a DRS profile (HAMi docs enflame-gcu-support); Junction asks by memory and core, one device.
 * Slurm: unknown to Slurm; Flags=no_gpu_env, Junction sets TOPS_VISIBLE_DEVICES.
 */
import { defineVendor } from './define.js';
import { slurmConventions } from './slurm.js';
import { efsmi } from './smi/efsmi.js';
import type { StackInfo } from './types.js';

/** PyTorch through the torch_gcu plugin in TopsRider (EF-ENV); no public image was found. */
export const enflameStacks: readonly StackInfo[] = [
  { stack: 'TopsRider', version: '3', pytorch: { source: 'plugin', package: 'torch_gcu', versions: [] } },
];

export const enflame = defineVendor({
  id: 'enflame',
  displayName: 'Enflame GCU',
  aliases: ['gcu', 'tops', 'topsrider', 'suiyuan'],
  stack: 'TopsRider',
  visibleDevicesVariables: ['TOPS_VISIBLE_DEVICES'],
  shareEnv: () => ({}),
  kubernetes: {
    device: 'enflame.com/gcu',
    hamiDevice: 'enflame.com/gcu',
    share: {
      memory: 'enflame.com/gcu-memory',
      memoryUnitMiB: 1,
      core: 'enflame.com/gcu-core',
      maxDevices: 1,
    },
  },
  slurm: slurmConventions('none'),
  stacks: enflameStacks,
  discovery: efsmi,
});
