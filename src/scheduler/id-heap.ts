/**
 * A heap of small integer ids (class ids), highest score first, then the lowest ordinal, whose
 * entries change in place: setting an id's score or ordinal moves it, deleting takes it out. The
 * ids, their positions and their keys live in typed arrays grown on demand, so an update
 * allocates nothing and the heap never holds stale entries.
 */
export class IdHeap {
  private heap: Int32Array;
  private count = 0;
  /** Per id: its position in `heap` + 1 (0: not in the heap). */
  private pos: Int32Array;
  private score: Float64Array;
  private ordinal: Int32Array;

  /** `ids`: room for ids below this before the arrays grow. */
  constructor(ids = 64) {
    const size = Math.max(1, ids);
    this.heap = new Int32Array(64);
    this.pos = new Int32Array(size);
    this.score = new Float64Array(size);
    this.ordinal = new Int32Array(size);
  }

  get size(): number {
    return this.count;
  }

  has(id: number): boolean {
    return id < this.pos.length && this.pos[id]! > 0;
  }

  /** The first id, or -1 when empty. */
  top(): number {
    return this.count > 0 ? this.heap[0]! : -1;
  }

  /** Puts `id` in the heap with this score and ordinal, or moves it there if it is in already. */
  set(id: number, score: number, ordinal: number): void {
    if (id >= this.pos.length) this.growIds(id);
    this.score[id] = score;
    this.ordinal[id] = ordinal;
    const at = this.pos[id]! - 1;
    if (at < 0) {
      if (this.count === this.heap.length) {
        const heap = new Int32Array(2 * this.heap.length);
        heap.set(this.heap);
        this.heap = heap;
      }
      this.place(id, this.count++);
      this.siftUp(this.count - 1);
      return;
    }
    this.siftUp(at);
    this.siftDown(this.pos[id]! - 1);
  }

  /** Takes `id` out (nothing when it is not in). */
  delete(id: number): void {
    if (!this.has(id)) return;
    const at = this.pos[id]! - 1;
    this.pos[id] = 0;
    const last = this.heap[--this.count]!;
    if (last === id) return;
    this.place(last, at);
    this.siftUp(at);
    this.siftDown(this.pos[last]! - 1);
  }

  /** Whether id `a` comes out before id `b`. */
  private before(a: number, b: number): boolean {
    const sa = this.score[a]!;
    const sb = this.score[b]!;
    return sa > sb || (sa === sb && this.ordinal[a]! < this.ordinal[b]!);
  }

  private place(id: number, at: number): void {
    this.heap[at] = id;
    this.pos[id] = at + 1;
  }

  private siftUp(i: number): void {
    const id = this.heap[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = this.heap[parent]!;
      if (!this.before(id, p)) break;
      this.place(p, i);
      i = parent;
    }
    this.place(id, i);
  }

  private siftDown(i: number): void {
    const id = this.heap[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.count) break;
      const r = l + 1;
      const c = r < this.count && this.before(this.heap[r]!, this.heap[l]!) ? r : l;
      const child = this.heap[c]!;
      if (!this.before(child, id)) break;
      this.place(child, i);
      i = c;
    }
    this.place(id, i);
  }

  private growIds(id: number): void {
    const size = Math.max(2 * this.pos.length, id + 1);
    const pos = new Int32Array(size);
    pos.set(this.pos);
    this.pos = pos;
    const score = new Float64Array(size);
    score.set(this.score);
    this.score = score;
    const ordinal = new Int32Array(size);
    ordinal.set(this.ordinal);
    this.ordinal = ordinal;
  }
}
