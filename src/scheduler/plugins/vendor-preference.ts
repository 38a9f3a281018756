import { preferenceRank } from '../../cluster/fit.js';
import type { ScorePlugin } from '../framework.js';

/** The user's ordered `models` and `vendors` lists: the first choice scores 100, each later one less. */
export const vendorPreference = {
  name: 'vendor-preference',
  score(job, { placement }) {
    const acc = job.spec.resources.perReplica.accelerators;
    if (!placement.vendor || !placement.model) return 100;
    const modelRank = preferenceRank(acc.models, placement.model);
    const vendorRank = preferenceRank(acc.vendors, placement.vendor);
    const steps = modelRank * Math.max(acc.vendors.length, 1) + vendorRank;
    return 100 / (1 + steps);
  },
} as const satisfies ScorePlugin;
