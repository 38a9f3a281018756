/** The scheduler's live view of one node and its devices (see ClusterState). */
import type { DeviceInfo, NodeInfo } from './types.js';

export interface DeviceState {
  readonly info: DeviceInfo;
  freeMemoryMiB: number;
  freeComputePercent: number;
  /** Holders of (part of) this device: jobId → number of slices. */
  readonly holders: Map<string, number>;
}

export interface NodeState {
  readonly info: NodeInfo;
  /** Position in the order nodes were added; ties between equally good nodes go to the lower one. */
  readonly ordinal: number;
  freeCpuMillis: number;
  freeMemoryMiB: number;
  readonly devices: DeviceState[];
  /** Devices with nothing allocated on them (usable as whole devices). */
  freeWholeDevices: number;
  /**
   * Changes whenever the node's free state does (every allocate and release on it), so a plugin
   * may cache what it derives from the state per (node, changes) within one ClusterState.
   */
  changes: number;
}

/** Per (vendor, model) key used by the indexes. */
export function deviceKey(vendor: string, model: string): string {
  return `${vendor}/${model}`;
}
