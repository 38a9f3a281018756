import type { ScorePlugin } from '../framework.js';

/** CPU-only work goes to nodes without accelerators when it can, leaving accelerator nodes to accelerator work. */
export const keepAcceleratorsFree = {
  name: 'keep-accelerators-free',
  score(job, { node }) {
    if (job.spec.resources.perReplica.accelerators.kind !== 'none') return 100;
    return node.devices.length === 0 ? 100 : 0;
  },
} as const satisfies ScorePlugin;
