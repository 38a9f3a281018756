import type { NodeState } from '../../cluster/state.js';
import type { ReplicaPlacement } from '../../cluster/types.js';
import type { PluginDeps, ScorePlugin } from '../framework.js';
import type { ShareDevicePicker } from './device-choice.js';
import { afterPlacement, type DeviceFree, deviceFreeList, sameDeviceFree, type WorkloadMix } from './fragmentation.js';
import { FragmentationMemo } from './fragmentation-memo.js';

/** Plugin deps with the expected workload; the framework's PluginDeps would gain `workload`. */
export interface FragmentationDeps extends PluginDeps {
  workload?: WorkloadMix;
}

/** Without a workload estimate, assume whole single devices: fragments are then partly used devices. */
export const WHOLE_DEVICE_MIX: WorkloadMix = {
  requests: [
    { cpuMillis: 0, kind: 'whole', count: 1, shareMemoryMiB: 0, shareComputePercent: 0, models: [], weight: 1 },
  ],
};

export type FgdPlugin = ScorePlugin & ShareDevicePicker;

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * Fragmentation Gradient Descent as published: a placement scores
 * ⌊100 · sigmoid((F_before − F_after) / 1000)⌋, where F is the node's expected fragmentation
 * (see fragmentation.ts) in milli-devices, so the smallest fragmentation increase wins. Scores
 * are whole numbers, as in the published scheduler: placements within a few tens of milli of
 * each other tie, and the framework's tie rule (first node in order) then consolidates them.
 * A share goes on the device with the best such score, the lowest index among equals.
 */
export function createFgd(mix: WorkloadMix, name = 'fgd'): FgdPlugin {
  const memo = new FragmentationMemo(mix);
  const fragOf = (cpu: number, devices: readonly DeviceFree[]): number => memo.of(cpu, devices);
  const scoreAfter = (node: NodeState, free: readonly DeviceFree[], before: number, placement: ReplicaPlacement) => {
    const after = fragOf(node.freeCpuMillis - placement.cpuMillis, afterPlacement(node, free, placement));
    return Math.floor(100 * sigmoid((before - after) / 1000));
  };
  return {
    name,
    score(_job, { node, placement }) {
      const free = deviceFreeList(node);
      return scoreAfter(node, free, fragOf(node.freeCpuMillis, free), placement);
    },
    pickShareDevice(job, node, fitting) {
      const per = job.spec.resources.perReplica;
      const share = per.accelerators.share!;
      const free = deviceFreeList(node);
      const before = fragOf(node.freeCpuMillis, free);
      let best = fitting[0]!;
      let bestScore = -1;
      const seen: DeviceFree[] = [];
      for (const index of fitting) {
        // Devices in the same free state give the same score; the first (lowest index) stands for them.
        const d = free[index]!;
        if (seen.some((s) => sameDeviceFree(s, d))) continue;
        seen.push(d);
        const s = scoreAfter(node, free, before, sharePlacement(node, per.cpuMillis, per.memoryMiB, index, share));
        if (s > bestScore) {
          bestScore = s;
          best = index;
        }
      }
      return best;
    },
  };
}

/** A one-device share placement on `node`, for what-if scoring. */
export function sharePlacement(
  node: NodeState,
  cpuMillis: number,
  memoryMiB: number,
  index: number,
  share: { memoryMiB: number; computePercent: number },
): ReplicaPlacement {
  const device = node.devices[index]!.info;
  return {
    replica: 0,
    site: node.info.site,
    node: node.info.name,
    cpuMillis,
    memoryMiB,
    vendor: device.vendor,
    model: device.model,
    devices: [{ index, memoryMiB: share.memoryMiB, computePercent: share.computePercent, whole: false }],
  };
}

/** Registry factory: the workload comes from deps (falls back to whole single devices). */
export const fgd = (deps: FragmentationDeps): FgdPlugin => createFgd(deps.workload ?? WHOLE_DEVICE_MIX);
