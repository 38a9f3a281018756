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
  /** The nodes to consider; undefined = every candidate node of the cluster (walked by state class). */
  nodes?: NodeState[];
}

/** Whether a node has what the job's accelerators need at all (the vendor indexes, as a predicate). */
export function isCandidate(node: NodeState, spec: CompiledJobSpec): boolean {
  const acc = spec.resources.perReplica.accelerators;
  if (acc.kind === 'none') return true;
  if (acc.vendors.length === 0) return node.devices.length > 0;
  return node.devices.some((d) => acc.vendors.includes(d.info.vendor));
}

/** The scopes to try, or just the whole cluster when topology and pinning allow any node. */
export function placementScopes(cluster: ClusterState, spec: CompiledJobSpec): Scope[] {
  const anyNode = spec.resources.replicas <= 1 || spec.resources.perReplica.accelerators.topology === 'any';
  if (anyNode && spec.placement.nodes.length === 0) return [{ label: '' }];
  return topologyScopes(cluster, spec, candidateNodes(cluster, spec));
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

export function topologyScopes(cluster: ClusterState, spec: CompiledJobSpec, candidates: NodeState[]): Scope[] {
  const topology = spec.resources.perReplica.accelerators.topology;
  if (candidates.length === 0) return [];
  if (spec.resources.replicas <= 1 || topology === 'any') return [{ label: '', nodes: candidates }];
  if (topology === 'same-node') {
    // Nodes in the same state give the same outcome for a whole gang: try one per state.
    const seen = new Set<string | undefined>();
    return candidates
      .filter((n) => {
        const cls = cluster.stateClass(n.info.name);
        if (seen.has(cls)) return false;
        seen.add(cls);
        return true;
      })
      .map((n) => ({ label: n.info.name, nodes: [n] }));
  }
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
