/**
 * Biren: BIRENSUPA, process-level visibility through SUPA_VISIBLE_DEVICES.
 *
 * Sources: the catalog's research found no variable (vendors.md: "Biren: no source found"). Public code found
 * with the code search settles it: a Ray accelerator manager for Biren SUPA and the vLLM SUPA plugin's docs
 * select devices with SUPA_VISIBLE_DEVICES, which must be set before torch_br is imported. BIREN_VISIBLE_DEVICES appears in
 * container launch scripts (with the cards mapped by the runtime) and is not set for a process.
 * HAMI-CM, HAMI-DOC (docs/biren-support.md): birentech.com/gpu is whole-card only, so shareEnforced=false and
 * a share carries only the vendor-neutral Junction variables.
 *
 * Kubernetes: birentech.com/gpu whole devices only (HAMi values.yaml birenResourceName). Slurm: unknown to Slurm;
 * Flags=no_gpu_env, Junction sets SUPA_VISIBLE_DEVICES. Discovery: br-smi appears in HAMi's bug template but no
 * public sample of its output was found, so no reader is offered.
 */
import { defineVendor } from './define.js';
import { slurmConventions } from './slurm.js';
import type { StackInfo } from './types.js';

/** PyTorch through the torch_br plugin (see above); no public image or version pairs were found. */
export const birenStacks: readonly StackInfo[] = [
  { stack: 'BIRENSUPA', version: 'unknown', pytorch: { source: 'plugin', package: 'torch_br', versions: [] } },
];

export const biren = defineVendor({
  id: 'biren',
  displayName: 'Biren',
  aliases: ['birentech', 'supa', 'birensupa'],
  stack: 'BIRENSUPA',
  visibleDevicesVariables: ['SUPA_VISIBLE_DEVICES'],
  kubernetes: { device: 'birentech.com/gpu', hamiDevice: 'birentech.com/gpu', share: null },
  slurm: slurmConventions('none'),
  stacks: birenStacks,
});
