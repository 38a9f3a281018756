/**
 * Hygon DCU: DTK (a ROCm-compatible HIP stack), process-level visibility through HIP_VISIBLE_DEVICES.
 *
 * Sources (ids from src/catalog/sources.ts):
 * - FLAGPERF, FG-CI, FENGWU: HIP_VISIBLE_DEVICES for Hygon DCU.
 * - HAMI-DOC (docs/hygon-dcu-support.md): shares are hygon.com/dcumem (MiB) and hygon.com/dcucores (percent),
 *   enforced by HAMi's DCU device plugin, which creates a virtual DCU with those limits (seen in the
 *   container via `hy-virtual -show-device-info`). The limits live in the virtual device, not in process
 *   variables, so a share adds only the vendor-neutral Junction variables here.
 *
 * Kubernetes: hygon.com/dcu is what Hygon's DCU device plugin registers (node capacity listings and pod specs in
 * public deployment notes). HAMi's names changed from hygon.com/dcunum / dcumem / dcucores and
 * hygon.com/use-dcutype (docs above, older pkg/device/hygon) to hygon.com/hcunum / hcumem (MiB) / hcucores
 * (percent) and hygon.com/use-hcutype (current chart values.yaml and pkg/device/hygon/device.go); we follow the
 * current chart, since that is what a new install registers.
 * Slurm: Slurm has no DCU support; gres.conf Flags=no_gpu_env, and Junction sets HIP_VISIBLE_DEVICES from
 * SLURM_STEP_GPUS (setting it beside a ROCR_VISIBLE_DEVICES of host indices would filter twice).
 * Stacks: DTK ships with Hygon-built PyTorch wheels and images (vendor builds, not upstream).
 */
import { defineVendor } from './define.js';
import { slurmConventions } from './slurm.js';
import { hySmi } from './smi/hy-smi.js';
import type { StackInfo } from './types.js';

/** Hygon's PyTorch builds for DTK come from its developer community (SourceFind); one image tag was seen in use. */
export const hygonStacks: readonly StackInfo[] = [
  { stack: 'DTK', version: '23.10', pytorch: { source: 'vendor', package: 'torch', versions: [] } },
  {
    stack: 'DTK',
    version: '24.04',
    pytorch: { source: 'vendor', package: 'torch', versions: ['2.1'] },
    image: 'image.sourcefind.cn:5443/dcu/admin/base/pytorch:2.1.0-ubuntu22.04-dtk24.04.2-py3.10',
  },
  { stack: 'DTK', version: '25.04', pytorch: { source: 'vendor', package: 'torch', versions: [] } },
];

export const hygon = defineVendor({
  id: 'hygon',
  displayName: 'Hygon DCU',
  aliases: ['dcu', 'dtk', 'haiguang'],
  stack: 'DTK',
  visibleDevicesVariables: ['HIP_VISIBLE_DEVICES'],
  shareEnv: () => ({}),
  kubernetes: {
    device: 'hygon.com/dcu',
    hamiDevice: 'hygon.com/hcunum',
    share: { count: 'hygon.com/hcunum', memory: 'hygon.com/hcumem', memoryUnitMiB: 1, core: 'hygon.com/hcucores' },
    useModelAnnotation: 'hygon.com/use-hcutype',
    avoidModelAnnotation: 'hygon.com/nouse-hcutype',
    useUuidAnnotation: 'hygon.com/use-gpuuuid',
    avoidUuidAnnotation: 'hygon.com/nouse-gpuuuid',
  },
  slurm: slurmConventions('none'),
  stacks: hygonStacks,
  discovery: hySmi,
});
