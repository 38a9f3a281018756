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
  /**
   * Changes whenever the node's free state does (every allocate and release on it), so a plugin
   * may cache what it derives from the state per (node, changes) within one ClusterState.
   */
  changes: number;
}

/** Nodes in identical free state (see stateSignature): one placement verdict stands for all. */
export interface StateClass {
  readonly signature: string;
  /**
   * A small number for the signature, the same for as long as this ClusterState lives (a class
   * that empties and comes back gets its old id), so callers can cache per class in arrays.
   */
  readonly id: number;
  /** Position in classList(); internal. */
  slot: number;
  /** Changes whenever a member joins or leaves; never the same for two states of a class. */
  version: number;
  /** Member ordinals, ascending. */
  readonly members: number[];
  /** The earliest added member. */
  representative: NodeState;
}

/** Per (vendor, model) key used by the indexes. */
export function deviceKey(vendor: string, model: string): string {
  return `${vendor}/${model}`;
}

export class ClusterState {
  private readonly nodeMap = new Map<string, NodeState>();
  private readonly allocations = new Map<string, ReplicaPlacement[]>();
  /** node → jobId → placements of the job on the node. */
  private readonly jobsByNode = new Map<string, Map<string, number>>();
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
  /** signature → the class: member ordinals, ascending, so the representative is the earliest node. */
  private readonly classes = new Map<string, StateClass>();
  private readonly classArray: StateClass[] = [];
  private readonly classOfNode = new Map<string, StateClass>();
  private readonly signatureIds = new Map<string, number>();
  private nextClassId = 0;
  private readonly byId = new Map<number, StateClass>();
  private log: number[] = [];
  private logEpoch = 0;
  private classVersions = 0;
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
    for (const [i, d] of info.devices.entries()) {
      const key = deviceKey(d.vendor, d.model);
      addToSetMap(this.nodesByDeviceKey, key, info.name);
      addToSetMap(this.nodesByVendor, d.vendor, info.name);
      if (devices[i]!.holders.size === 0) this.adjustFreeWhole(info, key, 1);
    }
    this.reclassify(node);
  }

  /** Removes a node (e.g. a backend stopped reporting it). Allocations on it are forgotten with it. */
  removeNode(name: string): void {
    const node = this.nodeMap.get(name);
    if (!node) return;
    this.nodeSetVersion++;
    for (const d of node.devices) {
      const key = deviceKey(d.info.vendor, d.info.model);
      this.nodesByDeviceKey.get(key)?.delete(name);
      this.nodesByVendor.get(d.info.vendor)?.delete(name);
      if (d.holders.size === 0) this.adjustFreeWhole(node.info, key, -1);
    }
    this.unclassify(name);
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

  /** The equivalence class (state signature) of a node. */
  stateClass(name: string): string | undefined {
    return this.stateOf.get(name);
  }

  /** Nodes of one equivalence class, earliest added first. */
  classMembers(signature: string): string[] {
    return (this.classes.get(signature)?.members ?? []).map((o) => this.byOrdinal.get(o)!);
  }

  /** One representative node per equivalence class, with the class size. */
  *stateClasses(): Generator<{ representative: NodeState; size: number }> {
    for (const c of this.classes.values()) yield { representative: c.representative, size: c.members.length };
  }

  /**
   * The equivalence classes themselves (live objects: read them, never change them, and do not
   * allocate or release while iterating). The hot path of the scheduler walks these.
   */
  classList(): readonly StateClass[] {
    return this.classArray;
  }

  /** The equivalence class a node is in. */
  classOf(name: string): StateClass | undefined {
    return this.classOfNode.get(name);
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

  /**
   * Free whole devices inside a domain, of the given vendors (all when empty), from the index;
   * undefined for a name that is no node's domain.
   */
  freeWholeInDomain(domain: string, vendors: readonly string[]): number | undefined {
    const byKey = this.freeWholeByDomain.get(domain);
    if (!byKey) return undefined;
    let sum = 0;
    for (const [key, n] of byKey) {
      if (vendors.length === 0 || vendors.includes(key.slice(0, key.indexOf('/')))) sum += n;
    }
    return sum;
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
        this.adjustFreeWhole(node.info, fixedParts(node.info).deviceKeys[a.index]!, delta);
      }
    }
  }

  private reclassify(node: NodeState): void {
    const signature = stateSignature(node);
    const name = node.info.name;
    if (this.stateOf.get(name) === signature) return;
    this.unclassify(name);
    this.stateOf.set(name, signature);
    const cls = this.classes.get(signature);
    if (!cls) {
      let id = this.signatureIds.get(signature);
      if (id === undefined) {
        // Bounded memory: forget the ids of classes not seen for a while (ids are never reused).
        if (this.signatureIds.size >= SIGNATURE_ID_LIMIT) this.signatureIds.clear();
        id = this.nextClassId++;
        this.signatureIds.set(signature, id);
      }
      const created: StateClass = {
        signature,
        id,
        slot: this.classArray.length,
        version: ++this.classVersions,
        members: [node.ordinal],
        representative: node,
      };
      this.classes.set(signature, created);
      this.classArray.push(created);
      this.byId.set(id, created);
      this.classOfNode.set(name, created);
      this.logChange(id);
    } else {
      const at = insertionPoint(cls.members, node.ordinal);
      cls.members.splice(at, 0, node.ordinal);
      if (at === 0) cls.representative = node;
      cls.version = ++this.classVersions;
      this.classOfNode.set(name, cls);
      this.logChange(cls.id);
    }
  }

  /**
   * Every change of a class (created, emptied, a member more or less) is logged by class id, so a
   * cache of per-class results can catch up by replaying the log instead of walking every class.
   * The log is dropped when it grows long; `classLog.epoch` then changes and readers start over.
   */
  private logChange(id: number): void {
    if (this.log.length >= CLASS_LOG_LIMIT) {
      this.log = [];
      this.logEpoch++;
    }
    this.log.push(id);
  }

  /** The class change log (see logChange); read it, never change it. */
  get classLogEpoch(): number {
    return this.logEpoch;
  }

  /** The class change log of the current epoch (see logChange); read it, never change it. */
  get classLog(): readonly number[] {
    return this.log;
  }

  /** The live class with this id, if any. */
  classById(id: number): StateClass | undefined {
    return this.byId.get(id);
  }

  private unclassify(name: string): void {
    const old = this.stateOf.get(name);
    if (old === undefined) return;
    const cls = this.classes.get(old);
    const ordinal = this.ordinals.get(name);
    if (cls && ordinal !== undefined) {
      const members = cls.members;
      const at = insertionPoint(members, ordinal);
      if (members[at] === ordinal) members.splice(at, 1);
      cls.version = ++this.classVersions;
      this.logChange(cls.id);
      if (members.length === 0) {
        this.classes.delete(old);
        this.byId.delete(cls.id);
        const last = this.classArray.pop()!;
        if (last !== cls) {
          this.classArray[cls.slot] = last;
          last.slot = cls.slot;
        }
      } else if (at === 0) cls.representative = this.nodeMap.get(this.byOrdinal.get(members[0]!)!)!;
    }
    this.stateOf.delete(name);
    this.classOfNode.delete(name);
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
const NO_JOBS: ReadonlyMap<string, number> = new Map();
const SIGNATURE_ID_LIMIT = 1 << 20;
const CLASS_LOG_LIMIT = 1 << 20;

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
  const fixed = fixedParts(node.info);
  const devices = node.devices;
  const codes = scratchCodes;
  codes.length = devices.length;
  let numeric = true;
  for (let i = 0; i < devices.length; i++) {
    const d = devices[i]!;
    const free = d.freeMemoryMiB;
    const compute = d.freeComputePercent;
    if (!(free >= 0 && free < MEMORY_CODES && compute >= 0 && compute <= 100) || free % 1 !== 0 || compute % 1 !== 0) {
      numeric = false;
      break;
    }
    codes[i] = ((fixed.deviceTypes[i]! * MEMORY_CODES + free) * 128 + compute) * 2 + (d.holders.size > 0 ? 1 : 0);
  }
  let list: string;
  if (numeric) {
    // Insertion sort (a node has a handful of devices), then run-length: "code*count".
    for (let i = 1; i < codes.length; i++) {
      const v = codes[i]!;
      let j = i - 1;
      while (j >= 0 && codes[j]! > v) {
        codes[j + 1] = codes[j]!;
        j--;
      }
      codes[j + 1] = v;
    }
    list = '';
    for (let i = 0; i < codes.length; ) {
      let j = i + 1;
      while (j < codes.length && codes[j] === codes[i]) j++;
      list += `${i === 0 ? '' : ','}${codes[i]!.toString(36)}*${j - i}`;
      i = j;
    }
  } else {
    const parts = devices.map(
      (d, i) => `${fixed.deviceTypes[i]}/${d.freeMemoryMiB}/${d.freeComputePercent}/${d.holders.size > 0 ? 1 : 0}`,
    );
    list = `~${parts.sort().join(',')}`;
  }
  return `${fixed.prefix}|${node.freeCpuMillis}|${node.freeMemoryMiB}|${list}`;
}

/** Device free memory codes: up to 2 TiB per device; each device type is a number below 2^20. */
const MEMORY_CODES = 1 << 21;
const scratchCodes: number[] = [];

/** Device types (vendor, model, memory, health) as small numbers, shared by every ClusterState. */
const deviceTypeIds = new Map<string, number>();
function deviceType(d: DeviceInfo): number {
  const key = `${d.vendor}/${d.model}/${d.memoryMiB}/${d.healthy ? 1 : 0}`;
  let id = deviceTypeIds.get(key);
  if (id === undefined) {
    id = deviceTypeIds.size;
    deviceTypeIds.set(key, id);
  }
  return id;
}

/** The parts of a node's signature that never change while its NodeInfo stays the same. */
interface FixedParts {
  /** Site, schedulable and labels. */
  prefix: string;
  /** Per device, in index order: its type (deviceType) and its index key (deviceKey). */
  deviceTypes: number[];
  deviceKeys: string[];
}
const fixed = new WeakMap<NodeInfo, FixedParts>();
function fixedParts(info: NodeInfo): FixedParts {
  let f = fixed.get(info);
  if (!f) {
    const labels = Object.entries(info.labels)
      .map(([k, v]) => `${k}=${v}`)
      .sort()
      .join(',');
    f = {
      prefix: `${info.site}|${info.schedulable ? 1 : 0}|${labels}`,
      deviceTypes: info.devices.map(deviceType),
      deviceKeys: info.devices.map((d) => deviceKey(d.vendor, d.model)),
    };
    fixed.set(info, f);
  }
  return f;
}

function addToSetMap(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  set.add(value);
}
