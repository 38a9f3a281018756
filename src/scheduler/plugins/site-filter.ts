import { type FilterPlugin, SUCCESS, status } from '../framework.js';

/** `placement.sites`: only the listed sites (empty = any). */
export const siteFilter = {
  name: 'site-filter',
  filter(job, node) {
    const sites = job.spec.placement.sites;
    if (sites.length === 0 || sites.includes(node.info.site)) return SUCCESS;
    return status('unresolvable', 'site-filter', `site ${node.info.site} is not in ${sites.join(', ')}`);
  },
} as const satisfies FilterPlugin;
