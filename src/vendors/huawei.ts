/**
 * Huawei Ascend: CANN, process-level visibility through ASCEND_RT_VISIBLE_DEVICES.
 *
 * Sources (ids from src/catalog/sources.ts):
 * - FENGWU, FG-CI: ASCEND_RT_VISIBLE_DEVICES for the process (CANN runtime).
 * - HAMI-CODE, FLAGPERF: ASCEND_VISIBLE_DEVICES, which is the Ascend container runtime's variable (it selects
 *   the chips mounted into a container). Sources conflict on which to use; we follow ASCEND_RT_VISIBLE_DEVICES
 *   because the task is a process on a node, and setting both would filter twice.
 * - HAMI-DOC (docs/ascend910b-support.md), HAMI-CM: shares are vNPU templates (fixed memory and AI-core
 *   slices per chip model) created by the Ascend device plugin and container runtime, not process variables,
 *   so a share adds only the vendor-neutral Junction variables here.
 *
 * Kubernetes: Huawei's Ascend device plugin (MindX DL) registers huawei.com/Ascend910 for the 910 family and
 * huawei.com/Ascend310P for 310P. HAMi names every chip model apart (charts/hami device-configmap `vnpus`):
 * huawei.com/Ascend910B3 with huawei.com/Ascend910B3-memory (MiB, rounded up to a vNPU template), one device per
 * share; AI cores come from the template, so no core resource is set. Model selection is the resource name itself;
 * HAMi's only annotations are hami.io/use-<word>-uuid and hami.io/no-use-<word>-uuid (pkg/device/ascend).
 * Slurm: unknown to Slurm; Flags=no_gpu_env, Junction sets ASCEND_RT_VISIBLE_DEVICES from SLURM_STEP_GPUS.
 * Stacks: PyTorch through the torch_npu plugin on upstream torch.
 */
import { defineVendor } from './define.js';
import { slurmConventions } from './slurm.js';
import { npuSmi } from './smi/npu-smi.js';
import type { KubernetesNames, StackInfo } from './types.js';

/** HAMi's per-chip resource word (charts/hami device-configmap `vnpus`) for each catalog model. */
const HAMI_WORD: Record<string, string> = {
  'huawei-ascend-910a': 'Ascend910A',
  'huawei-ascend-910b2': 'Ascend910B2',
  'huawei-ascend-910b3': 'Ascend910B3',
  'huawei-ascend-910b4': 'Ascend910B4',
  'huawei-ascend-910b4-1': 'Ascend910B4-1',
  'huawei-ascend-310p': 'Ascend310P',
};

export function ascendKubernetesNames(model?: string): KubernetesNames {
  const device = model === 'huawei-ascend-310p' ? 'huawei.com/Ascend310P' : 'huawei.com/Ascend910';
  const word = model === undefined ? undefined : HAMI_WORD[model];
  if (word === undefined) {
    // Without a known chip HAMi has no resource to ask for: whole devices through Huawei's plugin only.
    return { device, hamiDevice: device, share: null };
  }
  return {
    device,
    hamiDevice: `huawei.com/${word}`,
    share: { count: `huawei.com/${word}`, memory: `huawei.com/${word}-memory`, memoryUnitMiB: 1, maxDevices: 1 },
    useUuidAnnotation: `hami.io/use-${word}-uuid`,
    avoidUuidAnnotation: `hami.io/no-use-${word}-uuid`,
  };
}

const plugin = (versions: string[]) => ({ source: 'plugin' as const, package: 'torch_npu', versions });

/** torch_npu release notes pair each torch_npu release with a CANN release; no image tag was verified. */
export const huaweiStacks: readonly StackInfo[] = [
  { stack: 'CANN', version: '7.0', pytorch: plugin(['2.1']) },
  { stack: 'CANN', version: '8.0', pytorch: plugin(['2.1', '2.3', '2.4']) },
  { stack: 'CANN', version: '8.1', pytorch: plugin(['2.1', '2.5']) },
  { stack: 'CANN', version: '8.2', pytorch: plugin(['2.5', '2.6']) },
];

export const huawei = defineVendor({
  id: 'huawei',
  displayName: 'Huawei Ascend',
  aliases: ['ascend', 'npu', 'cann'],
  stack: 'CANN',
  visibleDevicesVariables: ['ASCEND_RT_VISIBLE_DEVICES'],
  shareEnv: () => ({}),
  kubernetes: ascendKubernetesNames,
  slurm: slurmConventions('none'),
  stacks: huaweiStacks,
  discovery: npuSmi,
});
