/**
 * Where a job's gang may be placed: the candidate nodes (from the vendor indexes, not a scan of
 * every node's devices) and, for `same-node` / `same-domain` topology, the scopes to try in order
 * (innermost domains first, so a gang lands in the smallest domain that fits).
 */
import type { ClusterState, NodeState } from '../cluster/state.js';
import type { CompiledJobSpec } from '../spec/types.js';

export interface Scope {
  /** '' for the whole cluster, else the node or domain name. */
  label: string;
  nodes: NodeState[];
}

export function candidateNodes(cluster: ClusterState, spec: CompiledJobSpec): NodeState[] {
  const acc = spec.resources.perReplica.accelerators;
  if (acc.kind === 'none') return [...cluster.nodes()];
  const vendors = acc.vendors.length > 0 ? acc.vendors : cluster.vendors();
  const names = new Set<string>();
  for (const vendor of vendors) for (const name of cluster.nodesWithDevices(vendor)) names.add(name);
  const out: NodeState[] = [];
  for (const name of names) {
    const node = cluster.node(name);
    if (node) out.push(node);
  }
  return out;
}

export function topologyScopes(spec: CompiledJobSpec, candidates: NodeState[]): Scope[] {
  const topology = spec.resources.perReplica.accelerators.topology;
  if (candidates.length === 0) return [];
  if (spec.resources.replicas <= 1 || topology === 'any') return [{ label: '', nodes: candidates }];
  if (topology === 'same-node') return candidates.map((n) => ({ label: n.info.name, nodes: [n] }));
  const byDomain = new Map<string, { depth: number; nodes: NodeState[] }>();
  for (const node of candidates) {
    const domains = node.info.domains.length > 0 ? node.info.domains : [`node:${node.info.name}`];
    domains.forEach((domain, depth) => {
      const entry = byDomain.get(domain) ?? { depth, nodes: [] };
      entry.nodes.push(node);
      byDomain.set(domain, entry);
    });
  }
  const freeDevices = (nodes: NodeState[]) => nodes.reduce((sum, n) => sum + n.freeWholeDevices, 0);
  const needed = spec.resources.replicas * Math.max(1, spec.resources.perReplica.accelerators.count);
  return [...byDomain.entries()]
    .filter(([, e]) => spec.resources.perReplica.accelerators.kind !== 'whole' || freeDevices(e.nodes) >= needed)
    .sort(
      ([a, ea], [b, eb]) => eb.depth - ea.depth || freeDevices(ea.nodes) - freeDevices(eb.nodes) || a.localeCompare(b),
    )
    .map(([domain, e]) => ({ label: domain, nodes: e.nodes }));
}
