/** A node and workload mix small enough to work FGD's fragmentation out by hand (used by plugin tests). */
import { ClusterState } from '../../cluster/state.js';
import type { NodeInfo } from '../../cluster/types.js';
import type { TypicalRequest, WorkloadMix } from './fragmentation.js';

export const typical = (partial: Partial<TypicalRequest>): TypicalRequest => ({
  cpuMillis: 0,
  kind: 'share',
  count: 1,
  shareMemoryMiB: 0,
  shareComputePercent: 0,
  models: [],
  weight: 0,
  ...partial,
});

/** A hand-sized mix: its fragmentation on HAND_NODE is worked out in the comments below. */
export const HAND_MIX: WorkloadMix = {
  requests: [
    typical({ kind: 'none', count: 0, cpuMillis: 2000, weight: 0.2 }),
    typical({ kind: 'share', cpuMillis: 4000, shareMemoryMiB: 400, shareComputePercent: 40, weight: 0.3 }),
    typical({ kind: 'whole', count: 1, cpuMillis: 8000, weight: 0.4 }),
    typical({ kind: 'whole', count: 2, cpuMillis: 4000, weight: 0.1 }),
  ],
};

/** 4 devices of 1000 milli (memoryMiB 1000), 64 cores; `handCluster` leaves 10 cores and free milli [1000, 500, 190, 0]. */
export function handCluster(): ClusterState {
  const info: NodeInfo = {
    name: 'n',
    site: 's',
    domains: [],
    cpuMillis: 64000,
    memoryMiB: 1 << 20,
    devices: [0, 1, 2, 3].map((index) => ({
      index,
      vendor: 'openb',
      model: 'V100M16',
      memoryMiB: 1000,
      healthy: true,
    })),
    labels: {},
    schedulable: true,
  };
  const cluster = new ClusterState([info]);
  const share = (index: number, milli: number) => ({
    index,
    memoryMiB: milli,
    computePercent: milli / 10,
    whole: milli === 1000,
  });
  const base = { replica: 0, site: 's', node: 'n', memoryMiB: 0, vendor: 'openb', model: 'V100M16' };
  cluster.allocate('x', [{ ...base, cpuMillis: 54000, devices: [share(1, 500), share(2, 810), share(3, 1000)] }]);
  return cluster;
}
