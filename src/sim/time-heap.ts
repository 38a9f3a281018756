/** A min-heap of timed entries: earliest time first, then the order they were pushed. Pure. */
import { BinaryHeap } from '../scheduler/binary-heap.js';

export interface Timed {
  readonly time: number;
}

interface Pushed<T> {
  entry: T;
  seq: number;
}

export class TimeHeap<T extends Timed> {
  private readonly heap = new BinaryHeap<Pushed<T>>(
    (x, y) => x.entry.time < y.entry.time || (x.entry.time === y.entry.time && x.seq < y.seq),
  );
  private pushed = 0;

  get size(): number {
    return this.heap.size;
  }

  push(entry: T): void {
    this.heap.push({ entry, seq: this.pushed++ });
  }

  peek(): T | undefined {
    return this.heap.peek()?.entry;
  }

  pop(): T | undefined {
    return this.heap.pop()?.entry;
  }
}
