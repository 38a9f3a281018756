/**
 * Where a job's gang may be placed: the candidate nodes (from the vendor indexes, not a scan of
 * every node's devices) and, for `same-node` / `same-domain` topology, the scopes to try in order
 * (innermost domains first, so a gang lands in the smallest domain that fits).
 */
import type { ClusterState, NodeState } from '../cluster/state.js';
import type { CompiledJobSpec } from '../spec/types.js';
import { BinaryHeap } from './binary-heap.js';

export interface Scope {
  /** '' for the whole cluster, else the node or domain name. */
  label: string;
  /** The nodes to consider; undefined = every candidate node of the cluster (walked by state class). */
  nodes?: NodeState[];
}

const WHOLE_CLUSTER: readonly Scope[] = Object.freeze([Object.freeze({ label: '' })]);

/** Whether a node has what the job's accelerators need at all (the vendor indexes, as a predicate). */
export function isCandidate(node: NodeState, spec: CompiledJobSpec): boolean {
  const acc = spec.resources.perReplica.accelerators;
  if (acc.kind === 'none') return true;
  if (acc.vendors.length === 0) return node.devices.length > 0;
  return node.devices.some((d) => acc.vendors.includes(d.info.vendor));
}

/**
 * The scopes to try, in order, or just the whole cluster when topology and pinning allow any node.
 * Iterate it once; domain scopes come out of a heap, so taking the first few costs little.
 */
export function placementScopes(cluster: ClusterState, spec: CompiledJobSpec): Iterable<Scope> {
  const anyNode = spec.resources.replicas <= 1 || spec.resources.perReplica.accelerators.topology === 'any';
  if (anyNode && spec.placement.nodes.length === 0) return WHOLE_CLUSTER;
  return topologyScopes(cluster, spec, candidateNodes(cluster, spec));
}

/** Candidate lists and domain groupings per cluster, for as long as its node set does not change. */
interface NodeSetCache {
  version: number;
  candidates: Map<string, NodeState[]>;
  domains: Map<NodeState[], DomainGroup[]>;
}
interface DomainGroup {
  domain: string;
  depth: number;
  nodes: NodeState[];
}
const nodeSets = new WeakMap<ClusterState, NodeSetCache>();

function nodeSetCache(cluster: ClusterState): NodeSetCache {
  let cache = nodeSets.get(cluster);
  if (!cache || cache.version !== cluster.nodesVersion) {
    cache = { version: cluster.nodesVersion, candidates: new Map(), domains: new Map() };
    nodeSets.set(cluster, cache);
  }
  return cache;
}

/**
 * The nodes a job's accelerators could use at all, by the vendor indexes, in the order nodes were
 * added. The list depends only on the node set, so it is kept until a node is added or removed;
 * callers must not change it.
 */
export function candidateNodes(cluster: ClusterState, spec: CompiledJobSpec): NodeState[] {
  const acc = spec.resources.perReplica.accelerators;
  const key = acc.kind === 'none' ? '\u0000none' : acc.vendors.join(',');
  const cache = nodeSetCache(cluster);
  let list = cache.candidates.get(key);
  if (!list) {
    list = computeCandidates(cluster, spec);
    cache.candidates.set(key, list);
  }
  return list;
}

function computeCandidates(cluster: ClusterState, spec: CompiledJobSpec): NodeState[] {
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

export function topologyScopes(cluster: ClusterState, spec: CompiledJobSpec, candidates: NodeState[]): Iterable<Scope> {
  const topology = spec.resources.perReplica.accelerators.topology;
  if (candidates.length === 0) return [];
  if (spec.resources.replicas <= 1 || topology === 'any') return [{ label: '', nodes: candidates }];
  if (topology === 'same-node') {
    // Nodes in the same state give the same outcome for a whole gang: try one per state.
    const seen = new Set<number | undefined>();
    return candidates
      .filter((n) => {
        const cls = cluster.classOfNode(n)?.id;
        if (seen.has(cls)) return false;
        seen.add(cls);
        return true;
      })
      .map((n) => ({ label: n.info.name, nodes: [n] }));
  }
  const cache = nodeSetCache(cluster);
  let groups = cache.domains.get(candidates);
  if (!groups) {
    groups = domainGroups(candidates);
    cache.domains.set(candidates, groups);
  }
  const vendors = spec.resources.perReplica.accelerators.vendors;
  const needed = spec.resources.replicas * Math.max(1, spec.resources.perReplica.accelerators.count);
  const whole = spec.resources.perReplica.accelerators.kind === 'whole';
  const ranked: Ranked[] = [];
  for (const group of groups) {
    const free = freeDevicesIn(cluster, group, vendors);
    if (!whole || free >= needed) ranked.push({ group, free });
  }
  return inOrder(ranked);
}

function freeDevicesIn(cluster: ClusterState, group: DomainGroup, vendors: readonly string[]): number {
  const indexed = cluster.freeWholeInDomain(group.domain, vendors);
  if (indexed !== undefined) return indexed;
  let sum = 0;
  for (const n of group.nodes) sum += n.freeWholeDevices;
  return sum;
}

interface Ranked {
  group: DomainGroup;
  free: number;
}

/** Innermost domain first, then the one with the fewest free devices, then by name. */
function before(a: Ranked, b: Ranked): boolean {
  return (
    b.group.depth - a.group.depth < 0 ||
    (a.group.depth === b.group.depth &&
      (a.free < b.free || (a.free === b.free && byName(a.group.domain, b.group.domain) < 0)))
  );
}

/**
 * The domains as scopes in `before` order, taken from a binary heap: building it is linear and
 * each scope taken costs a logarithm, where a gang usually lands in one of the first.
 */
function* inOrder(ranked: Ranked[]): Generator<Scope> {
  const heap = new BinaryHeap(before, ranked);
  for (let top = heap.pop(); top !== undefined; top = heap.pop()) {
    yield { label: top.group.domain, nodes: top.group.nodes };
  }
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function domainGroups(candidates: readonly NodeState[]): DomainGroup[] {
  const byDomain = new Map<string, DomainGroup>();
  for (const node of candidates) {
    const domains = node.info.domains.length > 0 ? node.info.domains : [`node:${node.info.name}`];
    domains.forEach((domain, depth) => {
      let entry = byDomain.get(domain);
      if (!entry) {
        entry = { domain, depth, nodes: [] };
        byDomain.set(domain, entry);
      }
      entry.nodes.push(node);
    });
  }
  return [...byDomain.values()];
}
