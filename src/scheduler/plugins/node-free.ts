import type { NodeState } from '../../cluster/state.js';
import type { ReplicaPlacement } from '../../cluster/types.js';

/** Free device capacity of a node, in milli-devices (1000 = one idle device), before and after a placement. */
export function freeDeviceMilli(node: NodeState, placement?: ReplicaPlacement): number {
  let free = 0;
  for (const d of node.devices) {
    if (!d.info.healthy) continue;
    free += Math.min((d.freeMemoryMiB * 1000) / d.info.memoryMiB, d.freeComputePercent * 10);
  }
  if (!placement) return free;
  for (const a of placement.devices) {
    const info = node.devices[a.index]!.info;
    free -= a.whole ? 1000 : Math.max((a.memoryMiB * 1000) / info.memoryMiB, a.computePercent * 10);
  }
  return Math.max(free, 0);
}
