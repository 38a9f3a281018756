import { type DeviceFree, nodeFragmentation, type WorkloadMix } from './fragmentation.js';

interface Entry {
  cpu: number;
  /** Per device: model id, milli, memory, compute, idle (0/1). */
  state: number[];
  frag: number;
}

const FIELDS = 5;
const LIMIT = 200_000;

/**
 * Node fragmentation memoised by the node's free-state signature (free CPU and each device's
 * model and free state). Nodes in the same state, and the what-if states of placements, are
 * computed once. Lookups hash the numbers and compare them exactly, so a hit is never wrong and
 * no key string is built on the hot path. Pure: a cache of a pure function.
 */
export class FragmentationMemo {
  private readonly table = new Map<number, Entry[]>();
  private readonly modelIds = new Map<string, number>();
  private size = 0;

  constructor(private readonly mix: WorkloadMix) {}

  of(cpu: number, devices: readonly DeviceFree[]): number {
    const state: number[] = new Array(devices.length * FIELDS);
    let h = Math.imul(cpu | 0, 0x9e3779b1) ^ devices.length;
    for (let i = 0; i < devices.length; i++) {
      const d = devices[i]!;
      let model = this.modelIds.get(d.model);
      if (model === undefined) {
        model = this.modelIds.size;
        this.modelIds.set(d.model, model);
      }
      const o = i * FIELDS;
      state[o] = model;
      state[o + 1] = d.milli;
      state[o + 2] = d.memoryMiB;
      state[o + 3] = d.computePercent;
      state[o + 4] = d.idle ? 1 : 0;
      for (let f = 0; f < FIELDS; f++) h = Math.imul(h ^ (state[o + f]! * 8191), 0x85ebca6b) ^ (h >>> 13);
    }
    const bucket = this.table.get(h);
    if (bucket) {
      for (const e of bucket) if (e.cpu === cpu && sameNumbers(e.state, state)) return e.frag;
    }
    if (this.size >= LIMIT) {
      this.table.clear();
      this.size = 0;
    }
    const frag = nodeFragmentation(cpu, devices, this.mix);
    const entry = { cpu, state, frag };
    if (bucket && this.table.has(h)) bucket.push(entry);
    else this.table.set(h, [entry]);
    this.size++;
    return frag;
  }
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
