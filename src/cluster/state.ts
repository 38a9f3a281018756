/**
 * ClusterState: the scheduler's in-memory view of every node and device, with free capacity
 * kept in indexes that are updated incrementally on allocate and release (never rebuilt per job).
 * Pure: no I/O, no clock.
 */
import { FreeWholeIndex } from './free-whole-index.js';
import { deviceKey, type NodeState } from './node-state.js';
import { type StateClass, StateClasses } from './state-classes.js';
import { stateSignature } from './state-signature.js';
import type { NodeInfo, ReplicaPlacement } from './types.js';

export type { DeviceState, NodeState } from './node-state.js';
export { deviceKey } from './node-state.js';
export type { StateClass } from './state-classes.js';

export class ClusterState {
  private readonly nodeMap = new Map<string, NodeState>();
  private readonly allocations = new Map<string, ReplicaPlacement[]>();
  /** node → jobId → placements of the job on the node. */
  private readonly jobsByNode = new Map<string, Map<string, number>>();
  /** deviceKey → nodes that have at least one device of that kind (static per node set). */
  private readonly nodesByDeviceKey = new Map<string, Set<string>>();
  /** vendor → nodes that have devices of that vendor. */
  private readonly nodesByVendor = new Map<string, Set<string>>();
  /** Free whole devices per kind, in the cluster and in each domain. */
  private readonly free = new FreeWholeIndex();
  /** Nodes in identical free state, as classes (see state-classes.ts). */
  private readonly classes = new StateClasses((ordinal) => this.nodeMap.get(this.byOrdinal.get(ordinal)!)!);
  private readonly ordinals = new Map<string, number>();
  private readonly byOrdinal = new Map<number, string>();

  private nodeSetVersion = 0;

  constructor(nodes: readonly NodeInfo[] = []) {
    for (const node of nodes) this.addNode(node);
  }

  /** Changes whenever a node is added or removed (not on allocate or release): for caches of node lists. */
  get nodesVersion(): number {
    return this.nodeSetVersion;
  }

  addNode(info: NodeInfo): void {
    this.insertNode(info);
  }

  /**
   * A copy of some nodes of `source`, in the order given, with what is allocated on them: each job
   * that holds part of a copied node keeps its placements there (jobs in node order, not the
   * source's allocation order: only the copied nodes' jobs are visited). The same as adding the
   * nodes and allocating those placements again, at one classification per node instead of one per
   * placement (what-if simulations copy hundreds of nodes).
   */
  static copyOf(source: ClusterState, nodes: readonly NodeState[]): ClusterState {
    const copy = new ClusterState();
    for (const n of nodes) copy.insertNode(n.info, n);
    const here = new Set<string>();
    for (const n of nodes) {
      const jobs = source.jobsByNode.get(n.info.name);
      if (!jobs || jobs.size === 0) continue;
      copy.jobsByNode.set(n.info.name, new Map(jobs));
      for (const jobId of jobs.keys()) here.add(jobId);
    }
    if (here.size === 0) return copy;
    for (const jobId of here) {
      const placements = source.allocations.get(jobId);
      if (!placements) continue;
      const kept = placements.filter((p) => copy.nodeMap.has(p.node));
      if (kept.length > 0) copy.allocations.set(jobId, kept);
    }
    return copy;
  }

  /** Adds a node, idle or (`from`) in the free state of a node of another ClusterState. */
  private insertNode(info: NodeInfo, from?: NodeState): void {
    if (this.nodeMap.has(info.name)) this.removeNode(info.name);
    this.nodeSetVersion++;
    const devices = info.devices.map((d, i) => {
      const was = from?.devices[i];
      return {
        info: d,
        freeMemoryMiB: was ? was.freeMemoryMiB : d.memoryMiB,
        freeComputePercent: was ? was.freeComputePercent : 100,
        holders: was ? new Map(was.holders) : new Map<string, number>(),
      };
    });
    let ordinal = this.ordinals.get(info.name);
    if (ordinal === undefined) {
      ordinal = this.ordinals.size;
      this.ordinals.set(info.name, ordinal);
      this.byOrdinal.set(ordinal, info.name);
    }
    const node: NodeState = {
      info,
      ordinal,
      freeCpuMillis: from ? from.freeCpuMillis : info.cpuMillis,
      freeMemoryMiB: from ? from.freeMemoryMiB : info.memoryMiB,
      devices,
      freeWholeDevices: devices.filter((d) => d.holders.size === 0).length,
      changes: 0,
    };
    this.nodeMap.set(info.name, node);
    this.free.addNode(ordinal, info);
    for (const [i, d] of info.devices.entries()) {
      const key = deviceKey(d.vendor, d.model);
      addToSetMap(this.nodesByDeviceKey, key, info.name);
      addToSetMap(this.nodesByVendor, d.vendor, info.name);
      if (devices[i]!.holders.size === 0) this.free.adjust(ordinal, i, 1);
    }
    this.reclassify(node);
  }

  /** Removes a node (e.g. a backend stopped reporting it). Allocations on it are forgotten with it. */
  removeNode(name: string): void {
    const node = this.nodeMap.get(name);
    if (!node) return;
    this.nodeSetVersion++;
    for (const [i, d] of node.devices.entries()) {
      const key = deviceKey(d.info.vendor, d.info.model);
      this.nodesByDeviceKey.get(key)?.delete(name);
      this.nodesByVendor.get(d.info.vendor)?.delete(name);
      if (d.holders.size === 0) this.free.adjust(node.ordinal, i, -1);
    }
    this.classes.remove(node);
    this.nodeMap.delete(name);
    this.jobsByNode.delete(name);
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

  /** A node's state signature (state-signature.ts), readable; nodes of one class have the same. */
  stateClass(name: string): string | undefined {
    const node = this.nodeMap.get(name);
    return node === undefined ? undefined : stateSignature(node);
  }

  /** The names of a class's nodes, earliest added first. */
  classMembers(cls: StateClass): string[] {
    return cls.members.map((o) => this.byOrdinal.get(o)!);
  }

  /**
   * The equivalence classes themselves (live objects: read them, never change them, and do not
   * allocate or release while iterating). The hot path of the scheduler walks these.
   */
  classList(): readonly StateClass[] {
    return this.classes.list();
  }

  /** The equivalence class a node is in. */
  classOf(name: string): StateClass | undefined {
    const node = this.nodeMap.get(name);
    return node === undefined ? undefined : this.classes.classAt(node.ordinal);
  }

  /** The equivalence class of one of this cluster's nodes (classOf without the name lookup). */
  classOfNode(node: NodeState): StateClass | undefined {
    return this.classes.classAt(node.ordinal);
  }

  get classCount(): number {
    return this.classes.count;
  }

  vendors(): string[] {
    return [...this.nodesByVendor.keys()].filter((v) => (this.nodesByVendor.get(v)?.size ?? 0) > 0);
  }

  freeWhole(vendor: string, model: string, domain?: string): number {
    return this.free.freeWhole(vendor, model, domain);
  }

  /**
   * Free whole devices inside a domain, of the given vendors (all when empty), from the index;
   * undefined for a name that is no node's domain.
   */
  freeWholeInDomain(domain: string, vendors: readonly string[]): number | undefined {
    return this.free.inDomain(domain, vendors);
  }

  allocationOf(jobId: string): readonly ReplicaPlacement[] | undefined {
    return this.allocations.get(jobId);
  }

  allocatedJobs(): IterableIterator<string> {
    return this.allocations.keys();
  }

  /** Jobs holding (part of) a node: CPU, memory or devices. */
  jobsOn(node: string): IterableIterator<string> {
    return (this.jobsByNode.get(node) ?? NO_JOBS).keys();
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

  /**
   * Hands what the `from` jobs hold to job `to` (which holds nothing), their placements in that
   * order, without freeing anything: the free state, the indexes and the state classes stay as
   * they are. A gang placed replica by replica becomes one allocation this way.
   */
  transfer(from: readonly string[], to: string): void {
    if (this.allocations.has(to)) throw new Error(`job ${to} already holds an allocation`);
    const merged: ReplicaPlacement[] = [];
    for (const key of from) {
      const placements = this.allocations.get(key);
      if (!placements) throw new Error(`job ${key} holds nothing to transfer`);
      for (const p of placements) {
        const node = this.nodeMap.get(p.node);
        const onNode = this.jobsByNode.get(p.node);
        const held = onNode?.get(key);
        if (onNode && held !== undefined) {
          onNode.delete(key);
          onNode.set(to, (onNode.get(to) ?? 0) + held);
        }
        for (const a of p.devices) {
          const holders = node?.devices[a.index]?.holders;
          const count = holders?.get(key);
          if (!holders || count === undefined) continue;
          holders.delete(key);
          holders.set(to, (holders.get(to) ?? 0) + count);
        }
        merged.push(p);
      }
      this.allocations.delete(key);
    }
    this.allocations.set(to, merged);
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
    node.changes++;
    node.freeCpuMillis -= sign * p.cpuMillis;
    node.freeMemoryMiB -= sign * p.memoryMiB;
    let onNode = this.jobsByNode.get(p.node);
    if (!onNode) {
      onNode = new Map();
      this.jobsByNode.set(p.node, onNode);
    }
    const held = (onNode.get(jobId) ?? 0) + sign;
    if (held > 0) onNode.set(jobId, held);
    else onNode.delete(jobId);
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
        this.free.adjust(node.ordinal, a.index, delta);
      }
    }
  }

  private reclassify(node: NodeState): void {
    this.classes.place(node);
  }

  /** The class change log's epoch (see StateClasses): it changes when the log is dropped. */
  get classLogEpoch(): number {
    return this.classes.epoch;
  }

  /** The class change log of the current epoch: class ids; read it, never change it. */
  get classLog(): readonly number[] {
    return this.classes.changes;
  }

  /** Every class id this cluster has given so far is below this (for arrays indexed by class id). */
  get classIdLimit(): number {
    return this.classes.idLimit;
  }

  /**
   * The NodeInfo of a node the class with this id was made for, even after the class emptied:
   * what every member had in common besides its free state (site, labels, device kinds).
   */
  classNodeInfo(id: number): NodeInfo | undefined {
    return this.classes.infoOfId(id);
  }

  /** The live class with this id, if any. */
  classById(id: number): StateClass | undefined {
    return this.classes.byClassId(id);
  }
}

const EMPTY: ReadonlySet<string> = new Set();
const NO_JOBS: ReadonlyMap<string, number> = new Map();

function addToSetMap(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  set.add(value);
}
