import { type PermitPlugin, SUCCESS, status } from '../framework.js';

/** `topology: same-node | same-domain`: a gang's replicas share a node, or an innermost domain. */
export const topology = {
  name: 'topology',
  permit(job, placements, ctx) {
    const wanted = job.spec.resources.perReplica.accelerators.topology;
    if (wanted === 'any' || placements.length <= 1) return SUCCESS;
    if (wanted === 'same-node') {
      const nodes = new Set(placements.map((p) => p.node));
      return nodes.size === 1
        ? SUCCESS
        : status('unschedulable', 'topology', `replicas would span ${nodes.size} nodes, topology is same-node`);
    }
    const domainSets = placements.map((p) => new Set(ctx.cluster.node(p.node)?.info.domains ?? []));
    const shared = [...domainSets[0]!].filter((d) => domainSets.every((s) => s.has(d)));
    return shared.length > 0
      ? SUCCESS
      : status('unschedulable', 'topology', 'replicas would span domains, topology is same-domain');
  },
} as const satisfies PermitPlugin;
