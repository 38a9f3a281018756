import type { ScorePlugin } from '../framework.js';
import { freeDeviceMilli } from './node-free.js';

/**
 * Spread: the node left with the largest free share of its own CPU and devices wins (load
 * balancing, the opposite of packing). Score = 100 · mean of the free fractions after placement.
 */
export const spread = {
  name: 'spread',
  score(_job, { node, placement }) {
    const cpu = node.info.cpuMillis > 0 ? (node.freeCpuMillis - placement.cpuMillis) / node.info.cpuMillis : 0;
    if (node.devices.length === 0) return Math.max(0, 100 * cpu);
    const devices = freeDeviceMilli(node, placement) / (1000 * node.devices.length);
    return Math.max(0, 50 * cpu + 50 * devices);
  },
} as const satisfies ScorePlugin;
