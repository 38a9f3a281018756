import { type FilterPlugin, SUCCESS, status } from '../framework.js';

/** `placement.sites` and `placement.nodes`: only the listed sites and nodes (empty = any); never a site that failed the job. */
export const placementFilter = {
  name: 'placement-filter',
  filter(job, node) {
    const { sites, nodes } = job.spec.placement;
    if (sites.length > 0 && !sites.includes(node.info.site)) {
      return status('unresolvable', 'placement-filter', `site ${node.info.site} is not in ${sites.join(', ')}`);
    }
    if (nodes.length > 0 && !nodes.includes(node.info.name)) {
      return status('unresolvable', 'placement-filter', `node is not in ${nodes.join(', ')}`);
    }
    if (job.avoidSites?.includes(node.info.site)) {
      return status('unresolvable', 'placement-filter', `site ${node.info.site} failed this job before (failover)`);
    }
    return SUCCESS;
  },
} as const satisfies FilterPlugin;
