import type { ScorePlugin } from '../framework.js';

/**
 * Prefers nodes and devices that are already busy, so whole nodes and whole devices stay free
 * for large jobs. Score = how full the chosen devices (or, for CPU-only work, the node's CPU) are
 * after this replica lands.
 */
export const binpack = {
  name: 'binpack',
  score(_job, { node, placement }) {
    if (placement.devices.length === 0) {
      const used = node.info.cpuMillis - node.freeCpuMillis + placement.cpuMillis;
      return node.info.cpuMillis > 0 ? (100 * used) / node.info.cpuMillis : 0;
    }
    if (placement.devices.every((d) => d.whole)) {
      const busyAfter = node.devices.length - node.freeWholeDevices + placement.devices.length;
      return (100 * busyAfter) / node.devices.length;
    }
    const share = placement.devices[0]!;
    const device = node.devices[share.index]!;
    const usedAfter = device.info.memoryMiB - device.freeMemoryMiB + share.memoryMiB;
    return (100 * usedAfter) / device.info.memoryMiB;
  },
} as const satisfies ScorePlugin;
