/**
 * ClusterState: the scheduler's in-memory view of every node and device, with free capacity
 * kept in indexes that are updated incrementally on allocate and release (never rebuilt per job).
 * Pure: no I/O, no clock.
 */
import type { DeviceInfo, NodeInfo, ReplicaPlacement } from './types.js';

export interface DeviceState {
  readonly info: DeviceInfo;
  freeMemoryMiB: number;
  freeComputePercent: number;
  /** Holders of (part of) this device: jobId → number of slices. */
  readonly holders: Map<string, number>;
}

export interface NodeState {
  readonly info: NodeInfo;
  /** Position in the order nodes were added; ties between equally good nodes go to the lower one. */
  readonly ordinal: number;
  freeCpuMillis: number;
  freeMemoryMiB: number;
  readonly devices: DeviceState[];
  /** Devices with nothing allocated on them (usable as whole devices). */
  freeWholeDevices: number;
}

/** Per (vendor, model) key used by the indexes. */
export function deviceKey(vendor: string, model: string): string {
  return `${vendor}/${model}`;
}

export class ClusterState {
  private readonly nodeMap = new Map<string, NodeState>();
  private readonly allocations = new Map<string, ReplicaPlacement[]>();
  /** deviceKey → nodes that have at least one device of that kind (static per node set). */
  private readonly nodesByDeviceKey = new Map<string, Set<string>>();
  /** vendor → nodes that have devices of that vendor. */
  private readonly nodesByVendor = new Map<string, Set<string>>();
  /** deviceKey → total free whole devices of that kind, across the cluster. */
  private readonly freeWholeByKey = new Map<string, number>();
  /** domain → deviceKey → free whole devices inside that domain. */
  private readonly freeWholeByDomain = new Map<string, Map<string, number>>();
  /**
   * Equivalence classes: nodes whose free state is identical (same site, labels, free CPU and
   * memory, and the same multiset of device models with their free memory and compute) give the
   * same filter and score results, so the scheduler evaluates one node per class.
   */
  private readonly stateOf = new Map<string, string>();
  /** signature → member ordinals, ascending, so the representative is the earliest node. */
  private readonly classes = new Map<string, number[]>();
  private readonly ordinals = new Map<string, number>();
  private readonly byOrdinal = new Map<number, string>();

  constructor(nodes: readonly NodeInfo[] = []) {
    for (const node of nodes) this.addNode(node);
  }

  addNode(info: NodeInfo): void {
    if (this.nodeMap.has(info.name)) this.removeNode(info.name);
    const devices = info.devices.map((d) => ({
      info: d,
      freeMemoryMiB: d.memoryMiB,
      freeComputePercent: 100,
      holders: new Map<string, number>(),
    }));
    let ordinal = this.ordinals.get(info.name);
    if (ordinal === undefined) {
      ordinal = this.ordinals.size;
      this.ordinals.set(info.name, ordinal);
      this.byOrdinal.set(ordinal, info.name);
    }
    const node: NodeState = {
      info,
      ordinal,
      freeCpuMillis: info.cpuMillis,
      freeMemoryMiB: info.memoryMiB,
      devices,
      freeWholeDevices: devices.length,
    };
    this.nodeMap.set(info.name, node);
    for (const d of info.devices) {
      const key = deviceKey(d.vendor, d.model);
      addToSetMap(this.nodesByDeviceKey, key, info.name);
      addToSetMap(this.nodesByVendor, d.vendor, info.name);
      this.adjustFreeWhole(info, key, 1);
    }
    this.reclassify(node);
  }

  /** Removes a node (e.g. a backend stopped reporting it). Allocations on it are forgotten with it. */
  removeNode(name: string): void {
    const node = this.nodeMap.get(name);
    if (!node) return;
    for (const d of node.devices) {
      const key = deviceKey(d.info.vendor, d.info.model);
      this.nodesByDeviceKey.get(key)?.delete(name);
      this.nodesByVendor.get(d.info.vendor)?.delete(name);
      if (d.holders.size === 0) this.adjustFreeWhole(node.info, key, -1);
    }
    this.unclassify(name);
    this.nodeMap.delete(name);
  }

  node(name: string): NodeState | undefined {
    return this.nodeMap.get(name);
  }

  nodes(): IterableIterator<NodeState> {
    return this.nodeMap.values();
  }

  get nodeCount(): number {
    return this.nodeMap.size;
  }

  /** Nodes that have at least one device of this vendor (and model, when given). */
  nodesWithDevices(vendor: string, model?: string): ReadonlySet<string> {
    const set = model ? this.nodesByDeviceKey.get(deviceKey(vendor, model)) : this.nodesByVendor.get(vendor);
    return set ?? EMPTY;
  }

  /** The equivalence class (state signature) of a node. */
  stateClass(name: string): string | undefined {
    return this.stateOf.get(name);
  }

  /** Nodes of one equivalence class, earliest added first. */
  classMembers(signature: string): string[] {
    return (this.classes.get(signature) ?? []).map((o) => this.byOrdinal.get(o)!);
  }

  /** One representative node per equivalence class, with the class size. */
  *stateClasses(): Generator<{ representative: NodeState; size: number }> {
    for (const members of this.classes.values()) {
      const first = members[0];
      const name = first === undefined ? undefined : this.byOrdinal.get(first);
      const node = name === undefined ? undefined : this.nodeMap.get(name);
      if (node) yield { representative: node, size: members.length };
    }
  }

  get classCount(): number {
    return this.classes.size;
  }

  vendors(): string[] {
    return [...this.nodesByVendor.keys()].filter((v) => (this.nodesByVendor.get(v)?.size ?? 0) > 0);
  }

  freeWhole(vendor: string, model: string, domain?: string): number {
    const key = deviceKey(vendor, model);
    if (domain === undefined) return this.freeWholeByKey.get(key) ?? 0;
    return this.freeWholeByDomain.get(domain)?.get(key) ?? 0;
  }

  allocationOf(jobId: string): readonly ReplicaPlacement[] | undefined {
    return this.allocations.get(jobId);
  }

  allocatedJobs(): IterableIterator<string> {
    return this.allocations.keys();
  }

  /**
   * Records a job's placements. Throws if any replica does not fit: callers check fit first,
   * so a throw here is a bug, and nothing is changed when it happens.
   */
  allocate(jobId: string, placements: readonly ReplicaPlacement[]): void {
    if (this.allocations.has(jobId)) throw new Error(`job ${jobId} already holds an allocation`);
    const done: ReplicaPlacement[] = [];
    try {
      for (const p of placements) {
        this.apply(jobId, p, 1);
        done.push(p);
      }
    } catch (error) {
      for (const p of done) this.apply(jobId, p, -1);
      throw error;
    }
    this.allocations.set(jobId, [...placements]);
  }

  /** Frees everything a job holds; a no-op for a job that holds nothing. */
  release(jobId: string): void {
    const placements = this.allocations.get(jobId);
    if (!placements) return;
    for (const p of placements) this.apply(jobId, p, -1);
    this.allocations.delete(jobId);
  }

  private apply(jobId: string, p: ReplicaPlacement, sign: 1 | -1): void {
    this.applyCapacity(jobId, p, sign);
    const node = this.nodeMap.get(p.node);
    if (node) this.reclassify(node);
  }

  private applyCapacity(jobId: string, p: ReplicaPlacement, sign: 1 | -1): void {
    const node = this.nodeMap.get(p.node);
    if (!node) {
      if (sign === -1) return; // the node left; nothing to give back
      throw new Error(`unknown node ${p.node}`);
    }
    if (sign === 1 && (node.freeCpuMillis < p.cpuMillis || node.freeMemoryMiB < p.memoryMiB)) {
      throw new Error(`node ${p.node} lacks cpu or memory for job ${jobId}`);
    }
    for (const a of p.devices) {
      const device = node.devices[a.index];
      if (!device) throw new Error(`node ${p.node} has no device ${a.index}`);
      if (sign === 1 && (device.freeMemoryMiB < a.memoryMiB || device.freeComputePercent < a.computePercent)) {
        throw new Error(`device ${p.node}#${a.index} lacks room for job ${jobId}`);
      }
      if (sign === 1 && a.whole && device.holders.size > 0) {
        throw new Error(`device ${p.node}#${a.index} is not free as a whole for job ${jobId}`);
      }
    }
    node.freeCpuMillis -= sign * p.cpuMillis;
    node.freeMemoryMiB -= sign * p.memoryMiB;
    for (const a of p.devices) {
      const device = node.devices[a.index]!;
      const wasFree = device.holders.size === 0;
      device.freeMemoryMiB -= sign * a.memoryMiB;
      device.freeComputePercent -= sign * a.computePercent;
      const count = (device.holders.get(jobId) ?? 0) + sign;
      if (count > 0) device.holders.set(jobId, count);
      else device.holders.delete(jobId);
      const isFree = device.holders.size === 0;
      if (wasFree !== isFree) {
        const delta = isFree ? 1 : -1;
        node.freeWholeDevices += delta;
        this.adjustFreeWhole(node.info, deviceKey(device.info.vendor, device.info.model), delta);
      }
    }
  }

  private reclassify(node: NodeState): void {
    const signature = stateSignature(node);
    const name = node.info.name;
    if (this.stateOf.get(name) === signature) return;
    this.unclassify(name);
    this.stateOf.set(name, signature);
    const members = this.classes.get(signature);
    if (!members) this.classes.set(signature, [node.ordinal]);
    else members.splice(insertionPoint(members, node.ordinal), 0, node.ordinal);
  }

  private unclassify(name: string): void {
    const old = this.stateOf.get(name);
    if (old === undefined) return;
    const members = this.classes.get(old);
    const ordinal = this.ordinals.get(name);
    if (members && ordinal !== undefined) {
      const at = insertionPoint(members, ordinal);
      if (members[at] === ordinal) members.splice(at, 1);
      if (members.length === 0) this.classes.delete(old);
    }
    this.stateOf.delete(name);
  }

  private adjustFreeWhole(info: NodeInfo, key: string, delta: number): void {
    this.freeWholeByKey.set(key, (this.freeWholeByKey.get(key) ?? 0) + delta);
    for (const domain of info.domains) {
      let byKey = this.freeWholeByDomain.get(domain);
      if (!byKey) {
        byKey = new Map();
        this.freeWholeByDomain.set(domain, byKey);
      }
      byKey.set(key, (byKey.get(key) ?? 0) + delta);
    }
  }
}

const EMPTY: ReadonlySet<string> = new Set();

/** Index of the first element ≥ value in an ascending array. */
function insertionPoint(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Everything about a node that a placement decision can depend on, except its name and domains
 * (topology scopes restrict class members separately). Device order does not matter: two nodes
 * whose devices differ only in numbering are interchangeable.
 */
function stateSignature(node: NodeState): string {
  const devices = node.devices
    .map(
      (d) =>
        `${d.info.vendor}/${d.info.model}/${d.info.memoryMiB}/${d.freeMemoryMiB}/${d.freeComputePercent}/${d.holders.size > 0 ? 1 : 0}/${d.info.healthy ? 1 : 0}`,
    )
    .sort()
    .join(',');
  const labels = Object.entries(node.info.labels)
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join(',');
  return `${node.info.site}|${node.info.schedulable ? 1 : 0}|${node.freeCpuMillis}|${node.freeMemoryMiB}|${labels}|${devices}`;
}

function addToSetMap(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  set.add(value);
}
