/** A hand-built three-site federation (NVIDIA, Ascend, DCU) and a fixed oracle, for tests. */
import type { CompatOption, CompatOracle } from '../scheduler/framework.js';
import { makeJob } from '../scheduler/testing.js';
import type { CompiledJobSpec } from '../spec/types.js';
import type { SiteOffer } from './types.js';

export const NOW = Date.parse('2026-11-30T00:00:00Z');

function offer(
  site: string,
  region: string,
  model: string,
  perHour: number,
  free: number,
  total: number,
  queueWaitSeconds: number,
): SiteOffer {
  return {
    site,
    region,
    prices: [{ model, perHour, currency: 'USD' }],
    freeDevices: { [model]: free },
    totalDevices: { [model]: total },
    queueWaitSeconds,
    datasets: ['imagenet'],
    transfer: { gibPerSecond: 1, costPerGiB: 0.05 },
  };
}

/** east: fast and dear; south: cheap, slower, busy; north: cheapest per hour but slowest. */
export const OFFERS: SiteOffer[] = [
  offer('east-nv', 'us-east', 'nvidia-h100-sxm', 4, 16, 16, 0),
  offer('south-ascend', 'cn-south', 'huawei-ascend-910b3', 1.5, 0, 64, 7200),
  offer('north-dcu', 'cn-north', 'hygon-dcu-k100_ai', 0.6, 32, 32, 0),
];

const THROUGHPUT: Record<string, number> = {
  'nvidia-h100-sxm': 3,
  'nvidia-a100-80gb': 1,
  'huawei-ascend-910b3': 1,
  'hygon-dcu-k100_ai': 0.5,
};

/** Allows the models above at their fixed throughput; refuses every other model. */
export const FIXED_ORACLE: CompatOracle = {
  options() {
    const allowed = new Map<string, CompatOption>();
    for (const [model, throughput] of Object.entries(THROUGHPUT)) {
      allowed.set(model, {
        status: 'verified',
        throughput,
        estimated: false,
        stack: 'x',
        stackVersion: '*',
        evidence: 'test',
      });
    }
    return { allowed, refused: new Map([['amd-instinct-mi300x', 'no ROCm build of this framework']]) };
  },
};

/** A job of 4 devices, 10 h on an A100 unless told otherwise. */
export function federatedJob(
  placement: Partial<CompiledJobSpec['placement']> = {},
  vendors: string[] = [],
): CompiledJobSpec {
  const spec = makeJob('job', { count: 4, vendors }).spec;
  return {
    ...spec,
    workload: { ...spec.workload, estimate: { referenceSeconds: 36_000, referenceModel: 'nvidia-a100-80gb' } },
    placement: { ...spec.placement, ...placement },
  };
}
