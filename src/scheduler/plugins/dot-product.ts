import type { ScorePlugin } from '../framework.js';
import { BEST_FIT_DEFAULTS, type BestFitOptions } from './best-fit.js';
import { freeDeviceMilli } from './node-free.js';

/**
 * Tetris-style alignment (Grandl et al., SIGCOMM '14) as a packing score: the dot product of the
 * node's free vector and the request, over CPU and devices (all devices merged into one
 * dimension), each normalised by a fixed reference. The smallest product wins, so work goes
 * where it leaves the least behind: score = ⌊100 · (1 − product / 2)⌋.
 */
export function createDotProduct(options: BestFitOptions = BEST_FIT_DEFAULTS): ScorePlugin {
  return {
    name: 'dot-product',
    score(_job, { node, placement }) {
      const refDevices = 1000 * options.devices;
      const requested = freeDeviceMilli(node) - freeDeviceMilli(node, placement);
      const cpu = (node.freeCpuMillis / options.cpuMillis) * (placement.cpuMillis / options.cpuMillis);
      const devices = (freeDeviceMilli(node) / refDevices) * (requested / refDevices);
      return Math.min(100, Math.max(0, Math.floor(100 * (1 - (cpu + devices) / 2))));
    },
  };
}

export const dotProduct = (): ScorePlugin => createDotProduct();
