import { fitReplica } from '../../cluster/fit.js';
import { FIT_KEY, type FitCache } from '../fit-cache.js';
import { type FilterPlugin, SUCCESS, status } from '../framework.js';

/**
 * Free CPU, memory and devices (whole or a share) of the right vendor and model. The devices it
 * finds are cached in the cycle state so scoring and binding use exactly the same choice.
 */
export const capacityFit = {
  name: 'capacity-fit',
  filter(job, node, ctx) {
    const fit = fitReplica(node, job.spec.resources.perReplica);
    ctx.cycle.read<FitCache>(FIT_KEY)?.set(node.info.name, fit);
    if (fit.ok) return SUCCESS;
    const code = fit.failure === 'vendor' || fit.failure === 'model' || fit.failure === 'device-memory';
    return status(code ? 'unresolvable' : 'unschedulable', 'capacity-fit', fit.reason);
  },
} as const satisfies FilterPlugin;
