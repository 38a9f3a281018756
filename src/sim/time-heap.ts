/** A binary min-heap of timed entries: earliest time first, then the order they were pushed. Pure. */

export interface Timed {
  readonly time: number;
}

export class TimeHeap<T extends Timed> {
  private readonly items: { entry: T; seq: number }[] = [];
  private pushed = 0;

  get size(): number {
    return this.items.length;
  }

  push(entry: T): void {
    this.items.push({ entry, seq: this.pushed++ });
    let i = this.items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  peek(): T | undefined {
    return this.items[0]?.entry;
  }

  pop(): T | undefined {
    const top = this.items[0];
    const last = this.items.pop();
    if (top === undefined || last === undefined) return undefined;
    if (this.items.length > 0) {
      this.items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let least = i;
        if (left < this.items.length && this.before(left, least)) least = left;
        if (right < this.items.length && this.before(right, least)) least = right;
        if (least === i) break;
        this.swap(i, least);
        i = least;
      }
    }
    return top.entry;
  }

  private before(a: number, b: number): boolean {
    const x = this.items[a]!;
    const y = this.items[b]!;
    return x.entry.time < y.entry.time || (x.entry.time === y.entry.time && x.seq < y.seq);
  }

  private swap(a: number, b: number): void {
    const tmp = this.items[a]!;
    this.items[a] = this.items[b]!;
    this.items[b] = tmp;
  }
}
