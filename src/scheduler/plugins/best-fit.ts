import type { ScorePlugin } from '../framework.js';
import { freeDeviceMilli } from './node-free.js';

export interface BestFitOptions {
  /** The CPU and device counts free capacity is measured against (the largest node shape). */
  cpuMillis: number;
  devices: number;
}

/** 128 cores and 8 devices: the largest node of the Alibaba GPU trace, as the FGD paper's BestFit uses. */
export const BEST_FIT_DEFAULTS: BestFitOptions = { cpuMillis: 128_000, devices: 8 };

/**
 * Best fit: the node left with the least free CPU and devices after the placement wins.
 * Score = ⌊100 · (1 − ½·free CPU/ref CPU − ½·free devices/ref devices)⌋, against fixed references
 * so nodes of different sizes compare by what they would have left.
 */
export function createBestFit(options: BestFitOptions = BEST_FIT_DEFAULTS): ScorePlugin {
  return {
    name: 'best-fit',
    score(_job, { node, placement }) {
      const cpu = Math.max(node.freeCpuMillis - placement.cpuMillis, 0) / options.cpuMillis;
      const devices = freeDeviceMilli(node, placement) / (1000 * options.devices);
      return Math.min(100, Math.max(0, Math.floor(100 * (1 - 0.5 * cpu - 0.5 * devices))));
    },
  };
}

export const bestFit = (): ScorePlugin => createBestFit();
