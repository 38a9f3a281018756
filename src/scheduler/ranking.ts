/**
 * Per request shape, the cluster's state classes ranked by the shape's score (highest first, then
 * the earliest node), kept up to date by replaying the cluster's class change log instead of
 * walking every class for every job. Valid within one cycle, while scores are static (no dynamic
 * score plugin): a class's verdict for a shape is then fixed for the cycle.
 *
 * The ranking is a heap of class ids updated in place (id-heap.ts): a class whose representative
 * changes moves, a class that leaves is taken out. Feasible and considered node counts are kept
 * incrementally from each class's member count.
 */
import type { ClusterState, StateClass } from '../cluster/state.js';
import type { ClassChanges } from './device-partitions.js';
import { IdHeap } from './id-heap.js';

export interface RankedVerdict {
  candidate: boolean;
  ok: boolean;
  score: number;
}

export class ClassRanking {
  private readonly heap: IdHeap;
  /**
   * Per class id (dense typed arrays, grown on demand; class ids are small consecutive numbers):
   * the class version the ranking last saw (-1: none), the ordinal of its representative in the
   * heap (-1: not in the heap), and the nodes it counted for (considered,
   * and feasible when ok). A class with counts is tracked.
   */
  private seen = new Float64Array(0);
  private liveOrdinal = new Int32Array(0);
  private countedConsidered = new Int32Array(0);
  private countedFeasible = new Int32Array(0);
  /** Per class id: its position in `tracked` + 1 (0: not tracked). */
  private trackedAt = new Int32Array(0);
  /** The tracked class ids, in no order (a full walk checks only these for classes gone). */
  private readonly tracked: number[] = [];
  /** Per class id: 0 not yet asked, 1 admitted, 2 outside the ranking (a class's answer never changes). */
  private admittedFlag = new Uint8Array(0);
  private epoch = -1;
  private position = 0;
  considered = 0;
  feasible = 0;

  /**
   * `part`, when given, limits the ranking to some classes (see device-partitions.ts): `admits`
   * must answer the same for a class id for as long as the cluster lives, and `changes` gives the
   * change log of exactly the admitted classes (so a replay asks no admission). Classes outside
   * are skipped without asking for their verdict.
   */
  constructor(
    private readonly cluster: ClusterState,
    private readonly verdictOf: (cls: StateClass) => RankedVerdict,
    private readonly part?: { admits: (cls: StateClass) => boolean; changes: () => ClassChanges },
  ) {
    // Sized for the ids so far and as many new ones again: a cycle's new classes rarely need a regrowth.
    this.grow(2 * cluster.classIdLimit);
    this.admittedFlag = new Uint8Array(this.seen.length);
    this.heap = new IdHeap(this.seen.length);
  }

  private outside(cls: StateClass): boolean {
    if (!this.part) return false;
    const id = cls.id;
    if (id >= this.admittedFlag.length) {
      const flags = new Uint8Array(Math.max(64, 2 * this.admittedFlag.length, id + 1));
      flags.set(this.admittedFlag);
      this.admittedFlag = flags;
    }
    let flag = this.admittedFlag[id]!;
    if (flag === 0) {
      flag = this.part.admits(cls) ? 1 : 2;
      this.admittedFlag[id] = flag;
    }
    return flag === 2;
  }

  /**
   * Catches up with the cluster's changes since the last call: replays the change log, or, when
   * the log since then is longer than the list of classes, walks the classes instead.
   */
  update(): void {
    let log = this.cluster.classLog;
    let epoch = this.cluster.classLogEpoch;
    if (this.part) ({ log, epoch } = this.part.changes());
    const classes = this.cluster.classList();
    if (epoch !== this.epoch || log.length - this.position > classes.length) {
      for (let i = 0; i < classes.length; i++) {
        const cls = classes[i]!;
        if (this.outside(cls)) continue;
        if (cls.id >= this.seen.length || this.seen[cls.id] !== cls.version) this.refresh(cls.id, cls);
      }
      const gone: number[] = [];
      for (const id of this.tracked) if (!this.cluster.classById(id)) gone.push(id);
      for (const id of gone) this.refresh(id, undefined);
    } else {
      for (let i = this.position; i < log.length; i++) {
        const id = log[i]!;
        const cls = this.cluster.classById(id);
        if (cls ? id >= this.seen.length || this.seen[id] !== cls.version : this.trackedAt[id]! > 0) {
          this.refresh(id, cls);
        }
      }
    }
    this.epoch = epoch;
    this.position = log.length;
  }

  /** Makes the per-id arrays hold `id`. */
  private grow(id: number): void {
    const size = Math.max(64, 2 * this.seen.length, id + 1);
    const seen = new Float64Array(size).fill(-1);
    seen.set(this.seen);
    this.seen = seen;
    const widen = (a: Int32Array, fill: number) => {
      const b = new Int32Array(size);
      if (fill !== 0) b.fill(fill);
      b.set(a);
      return b;
    };
    this.liveOrdinal = widen(this.liveOrdinal, -1);
    this.countedConsidered = widen(this.countedConsidered, 0);
    this.countedFeasible = widen(this.countedFeasible, 0);
    this.trackedAt = widen(this.trackedAt, 0);
  }

  private refresh(id: number, cls: StateClass | undefined): void {
    if (id >= this.seen.length) this.grow(id);
    if (this.trackedAt[id]! > 0) {
      this.considered -= this.countedConsidered[id]!;
      this.feasible -= this.countedFeasible[id]!;
    }
    if (!cls) {
      this.untrack(id);
      this.seen[id] = -1;
      this.dropEntry(id);
      return;
    }
    this.seen[id] = cls.version;
    const verdict = this.verdictOf(cls);
    if (!verdict.candidate) {
      this.untrack(id);
      this.dropEntry(id);
      return;
    }
    // (A class tracked already stays in the list; only its counts change.)
    if (this.trackedAt[id] === 0) {
      this.tracked.push(id);
      this.trackedAt[id] = this.tracked.length;
    }
    const n = cls.members.length;
    this.countedConsidered[id] = n;
    this.countedFeasible[id] = verdict.ok ? n : 0;
    this.considered += n;
    if (!verdict.ok) {
      this.dropEntry(id);
      return;
    }
    this.feasible += n;
    // A class id's verdict is fixed for the ranking's life: its live entry stays valid while the
    // representative (the entry's ordinal) is the same; only the member counts changed.
    const ordinal = cls.representative.ordinal;
    if (this.liveOrdinal[id] === ordinal) return;
    this.liveOrdinal[id] = ordinal;
    this.heap.set(id, verdict.score, ordinal);
  }

  /** Takes a class out of the tracked list (swap-remove), if it is in. */
  private untrack(id: number): void {
    const at = this.trackedAt[id]!;
    if (at === 0) return;
    const last = this.tracked.pop()!;
    if (last !== id) {
      this.tracked[at - 1] = last;
      this.trackedAt[last] = at;
    }
    this.trackedAt[id] = 0;
  }

  /** Takes the class out of the heap, if it is in. */
  private dropEntry(id: number): void {
    if (this.liveOrdinal[id] === -1) return;
    this.heap.delete(id);
    this.liveOrdinal[id] = -1;
  }

  /**
   * The best live class that `accept` takes (highest score, then earliest node), or undefined.
   * Classes `accept` refuses stay ranked (a dynamic filter may take them for another job).
   */
  best(accept?: (cls: StateClass) => boolean): StateClass | undefined {
    if (!accept) {
      const top = this.heap.top();
      return top < 0 ? undefined : this.cluster.classById(top);
    }
    const refused: StateClass[] = [];
    let found: StateClass | undefined;
    for (let top = this.heap.top(); top >= 0; top = this.heap.top()) {
      const cls = this.cluster.classById(top)!;
      if (accept(cls)) {
        found = cls;
        break;
      }
      refused.push(cls);
      this.heap.delete(top);
    }
    for (const cls of refused) this.heap.set(cls.id, this.verdictOf(cls).score, this.liveOrdinal[cls.id]!);
    return found;
  }
}
