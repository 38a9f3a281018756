/**
 * Cambricon MLU: Neuware (CNToolkit), process-level visibility through MLU_VISIBLE_DEVICES.
 *
 * Sources (ids from src/catalog/sources.ts):
 * - FLAGPERF, FG-CI, MLU-ENV: MLU_VISIBLE_DEVICES.
 * - HAMI-DOC (docs/cambricon-mlu-support.md), HAMI-CM: shares (cambricon.com/mlu.smlu.vmemory, .vcore) are
 *   enforced by Cambricon's device plugin in dynamic-smlu mode, which creates an sMLU slice with those limits
 *   (the node must run `cnmon set -c N -smlu on`). The limits live in the slice, not in process variables,
 *   so a share adds only the vendor-neutral Junction variables here.
 *
 * Kubernetes: cambricon.com/mlu (Cambricon device plugin; CAMB-K8S). HAMi: cambricon.com/vmlu with
 * cambricon.com/mlu.smlu.vmemory and .vcore (percent); cambricon.com/use-mlutype / nouse-mlutype / use-gpuuuid /
 * nouse-gpuuuid (pkg/device/cambricon). Sources conflict on the vmemory unit: HAMi's support doc sets the device
 * plugin's min-dsmlu-unit to 256 MB, a HAMi user-guide page says one percent; we follow the 256 MiB unit, which
 * is what the device plugin is configured with.
 * Slurm: unknown to Slurm; Flags=no_gpu_env, Junction sets MLU_VISIBLE_DEVICES.
 */
import { defineVendor } from './define.js';
import { slurmConventions } from './slurm.js';
import { cnmon } from './smi/cnmon.js';
import type { StackInfo } from './types.js';

/** Cambricon PyTorch (torch_mlu) is distributed through Cambricon's developer portal; no public image was found. */
export const cambriconStacks: readonly StackInfo[] = [
  {
    stack: 'Neuware',
    version: '3',
    pytorch: { source: 'plugin', package: 'torch_mlu', versions: [] },
    notes: 'CNToolkit 3.x; torch_mlu release pairs are published only on the vendor portal.',
  },
];

export const cambricon = defineVendor({
  id: 'cambricon',
  displayName: 'Cambricon MLU',
  aliases: ['mlu', 'neuware', 'cnrt'],
  stack: 'Neuware',
  visibleDevicesVariables: ['MLU_VISIBLE_DEVICES'],
  shareEnv: () => ({}),
  kubernetes: {
    device: 'cambricon.com/mlu',
    hamiDevice: 'cambricon.com/vmlu',
    share: {
      count: 'cambricon.com/vmlu',
      memory: 'cambricon.com/mlu.smlu.vmemory',
      memoryUnitMiB: 256,
      core: 'cambricon.com/mlu.smlu.vcore',
    },
    useModelAnnotation: 'cambricon.com/use-mlutype',
    avoidModelAnnotation: 'cambricon.com/nouse-mlutype',
    useUuidAnnotation: 'cambricon.com/use-gpuuuid',
    avoidUuidAnnotation: 'cambricon.com/nouse-gpuuuid',
  },
  slurm: slurmConventions('none'),
  stacks: cambriconStacks,
  discovery: cnmon,
});
