/**
 * Equivalence classes of nodes: nodes whose free state is identical (same site, labels, free CPU
 * and memory, and the same multiset of device models with their free memory and compute; see
 * state-signature.ts) give the same filter and score results, so the scheduler evaluates one node
 * per class. Kept incrementally as nodes change, with a change log by class id.
 */
import type { NodeState } from './node-state.js';
import { keyHash, sameKey, stateKey } from './state-signature.js';
import type { NodeInfo } from './types.js';

/** Nodes in identical free state (see state-signature.ts): one placement verdict stands for all. */
export interface StateClass {
  /** The members' state (stateKey); read it, never change it. */
  readonly key: readonly number[];
  /**
   * A small number for the state, the same for as long as this ClusterState lives (a class that
   * empties and comes back gets its old id), so callers can cache per class in arrays.
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

/** A state key seen before: its class id, and the class while some node is in that state. */
interface Known {
  readonly key: readonly number[];
  readonly id: number;
  live: Live | undefined;
}

/** A live class with its entry in the table of known keys (internal). */
interface Live extends StateClass {
  readonly known: Known;
}

const KNOWN_LIMIT = 1 << 20;
const CLASS_LOG_LIMIT = 1 << 20;

export class StateClasses {
  /** By node ordinal: the node's class (undefined: not placed). Ordinals are small and dense. */
  private readonly classOfNode: (Live | undefined)[] = [];
  /** Known keys (live classes and the ids of gone ones) by the hash of the key: one lookup per placement. */
  private known = new Map<number, Known[]>();
  private knownCount = 0;
  private readonly classArray: Live[] = [];
  private nextClassId = 0;
  /** By class id: the live class (undefined: none now). */
  private readonly byId: (Live | undefined)[] = [];
  /** By class id: the NodeInfo of the node the class was first made for (what its key's fixed parts come from). */
  private readonly infoById: NodeInfo[] = [];
  private log: number[] = [];
  private logEpoch = 0;
  private classVersions = 0;
  /** The key of the node being placed (reused: no array per allocate). */
  private readonly scratch: number[] = [];

  /**
   * `nodeAt` finds a live node by ordinal (a class's new representative when its first leaves);
   * `knownLimit` bounds how many keys of gone classes keep their ids.
   */
  constructor(
    private readonly nodeAt: (ordinal: number) => NodeState,
    private readonly knownLimit = KNOWN_LIMIT,
  ) {}

  /** Puts a node in the class of its current state (after it was added or its state changed). */
  place(node: NodeState): void {
    const key = stateKey(node, this.scratch);
    const ordinal = node.ordinal;
    const current = this.classOfNode[ordinal];
    if (current !== undefined && sameKey(current.key, key)) return;
    this.remove(node);
    const hash = keyHash(key);
    let known = find(this.known.get(hash), key);
    const cls = known?.live;
    if (!cls) {
      known ??= this.remember(hash, key.slice());
      const created: Live = {
        key: known.key,
        known,
        id: known.id,
        slot: this.classArray.length,
        version: ++this.classVersions,
        members: [ordinal],
        representative: node,
      };
      known.live = created;
      this.classArray.push(created);
      while (this.byId.length < created.id) this.byId.push(undefined);
      this.byId[created.id] = created;
      this.infoById[created.id] ??= node.info;
      this.setClassOf(ordinal, created);
      this.logChange(created.id);
    } else {
      const members = cls.members;
      // Nodes mostly join at the end (ordinals follow the order nodes were added, and the scheduler
      // binds the earliest node of a class first): append without a search when it goes last.
      if (members.length > 0 && members[members.length - 1]! < ordinal) members.push(ordinal);
      else {
        const at = insertionPoint(members, ordinal);
        members.splice(at, 0, ordinal);
        if (at === 0) cls.representative = node;
      }
      cls.version = ++this.classVersions;
      this.setClassOf(ordinal, cls);
      this.logChange(cls.id);
    }
  }

  /** A new key gets the next id. */
  private remember(hash: number, key: readonly number[]): Known {
    // Bounded memory: forget the ids of classes not seen for a while (ids are never reused).
    if (this.knownCount >= this.knownLimit) {
      const live = new Map<number, Known[]>();
      this.knownCount = 0;
      for (const [h, bucket] of this.known) {
        const kept = bucket.filter((k) => k.live !== undefined);
        if (kept.length > 0) live.set(h, kept);
        this.knownCount += kept.length;
      }
      this.known = live;
    }
    const known: Known = { key, id: this.nextClassId++, live: undefined };
    const bucket = this.known.get(hash);
    if (bucket) bucket.push(known);
    else this.known.set(hash, [known]);
    this.knownCount++;
    return known;
  }

  private setClassOf(ordinal: number, cls: Live | undefined): void {
    while (this.classOfNode.length < ordinal) this.classOfNode.push(undefined);
    this.classOfNode[ordinal] = cls;
  }

  /** Takes a node out of its class (before it changes class, or leaves the cluster). */
  remove(node: NodeState): void {
    const cls = this.classOfNode[node.ordinal];
    if (cls === undefined) return;
    const members = cls.members;
    // The representative (the earliest member) is the node the scheduler takes first.
    const at = members[0] === node.ordinal ? 0 : insertionPoint(members, node.ordinal);
    if (members[at] === node.ordinal) {
      if (at === 0) members.shift();
      else members.splice(at, 1);
    }
    cls.version = ++this.classVersions;
    this.logChange(cls.id);
    if (members.length === 0) {
      cls.known.live = undefined;
      this.byId[cls.id] = undefined;
      const last = this.classArray.pop()!;
      if (last !== cls) {
        this.classArray[cls.slot] = last;
        last.slot = cls.slot;
      }
    } else if (at === 0) cls.representative = this.nodeAt(members[0]!);
    this.classOfNode[node.ordinal] = undefined;
  }

  /**
   * Every change of a class (created, emptied, a member more or less) is logged by class id, so a
   * cache of per-class results can catch up by replaying the log instead of walking every class.
   * The log is dropped when it grows long; the epoch then changes and readers start over.
   */
  private logChange(id: number): void {
    if (this.log.length >= CLASS_LOG_LIMIT) {
      this.log = [];
      this.logEpoch++;
    }
    this.log.push(id);
  }

  get epoch(): number {
    return this.logEpoch;
  }

  get changes(): readonly number[] {
    return this.log;
  }

  /** The class of the node with this ordinal. */
  classAt(ordinal: number): StateClass | undefined {
    return this.classOfNode[ordinal];
  }

  byClassId(id: number): StateClass | undefined {
    return this.byId[id];
  }

  /** The NodeInfo of a node the class with this id was made for, live or gone. */
  infoOfId(id: number): NodeInfo | undefined {
    return this.infoById[id];
  }

  /** Every class id given so far is below this. */
  get idLimit(): number {
    return this.nextClassId;
  }

  list(): readonly StateClass[] {
    return this.classArray;
  }

  get count(): number {
    return this.classArray.length;
  }
}

function find(bucket: readonly Known[] | undefined, key: readonly number[]): Known | undefined {
  if (bucket) for (const c of bucket) if (sameKey(c.key, key)) return c;
  return undefined;
}

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
