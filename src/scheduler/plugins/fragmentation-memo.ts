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
 * Node fragmentation (or another measure of the free state) memoised by the node's free-state
 * signature (free CPU and each device's model and free state). Nodes in the same state, and the
 * what-if states of placements, are computed once. Lookups hash the numbers and compare them
 * exactly, so a hit is never wrong and no key string is built on the hot path. Pure: a cache of a
 * pure function.
 */
export class FragmentationMemo {
  private readonly table = new Map<number, Entry[]>();
  private readonly modelIds = new Map<string, number>();
  private lastModel: string | undefined;
  private lastModelId = -1;
  private size = 0;

  /** `measure` defaults to FGD's node fragmentation under `mix`; any pure function of the free state will do. */
  constructor(
    mix: WorkloadMix,
    private readonly measure: (cpu: number, devices: readonly DeviceFree[]) => number = (cpu, devices) =>
      nodeFragmentation(cpu, devices, mix),
  ) {}

  /**
   * `base`, when given, is listHash(devices): a caller asking about several what-ifs of one list
   * hashes the list once.
   */
  of(cpu: number, devices: readonly DeviceFree[], base = this.listHash(devices)): number {
    // Hash first, compare in place: a hit allocates nothing.
    const h = this.hash(cpu, devices.length, base);
    const bucket = this.table.get(h);
    if (bucket) {
      for (const e of bucket) if (e.cpu === cpu && this.matches(e.state, devices)) return e.frag;
    }
    return this.insert(h, cpu, devices);
  }

  /**
   * `of(cpu, list)` for the list that is `devices` with device `index` replaced by `replaced`,
   * without building that list unless the state is new (a what-if placement on one device).
   */
  ofReplaced(
    cpu: number,
    devices: readonly DeviceFree[],
    index: number,
    replaced: DeviceFree,
    base = this.listHash(devices),
  ): number {
    // The list's hash is a sum over its devices: replacing one device replaces one term.
    const sum = (base - this.deviceHash(index, devices[index]!) + this.deviceHash(index, replaced)) | 0;
    const h = this.hash(cpu, devices.length, sum);
    const bucket = this.table.get(h);
    if (bucket) {
      for (const e of bucket) if (e.cpu === cpu && this.matches(e.state, devices, index, replaced)) return e.frag;
    }
    const list = devices.slice();
    list[index] = replaced;
    return this.insert(h, cpu, list);
  }

  /** The hash of a device list: the sum of its devices' hashes (see deviceHash). */
  listHash(devices: readonly DeviceFree[]): number {
    let sum = 0;
    for (let i = 0; i < devices.length; i++) sum = (sum + this.deviceHash(i, devices[i]!)) | 0;
    return sum;
  }

  /** One device's free state at its position in the list. */
  private deviceHash(index: number, d: DeviceFree): number {
    let h = Math.imul(index + 1, 0x27d4eb2d);
    h = mixField(h, this.modelId(d.model));
    h = mixField(h, d.milli);
    h = mixField(h, d.memoryMiB);
    h = mixField(h, d.computePercent);
    return mixField(h, d.idle ? 1 : 0);
  }

  /** The hash of a free state: free CPU, the number of devices and the list's hash. */
  private hash(cpu: number, length: number, listHash: number): number {
    return (Math.imul((cpu | 0) ^ length, 0x9e3779b1) + listHash) | 0;
  }

  /** Measures a new state and keeps it under hash `h`. */
  private insert(h: number, cpu: number, devices: readonly DeviceFree[]): number {
    if (this.size >= LIMIT) {
      this.table.clear();
      this.size = 0;
    }
    const state: number[] = new Array(devices.length * FIELDS);
    for (let i = 0; i < devices.length; i++) {
      const d = devices[i]!;
      const o = i * FIELDS;
      state[o] = this.modelId(d.model);
      state[o + 1] = d.milli;
      state[o + 2] = d.memoryMiB;
      state[o + 3] = d.computePercent;
      state[o + 4] = d.idle ? 1 : 0;
    }
    const frag = this.measure(cpu, devices);
    const entry = { cpu, state, frag };
    const bucket = this.table.get(h);
    if (bucket) bucket.push(entry);
    else this.table.set(h, [entry]);
    this.size++;
    return frag;
  }

  private modelId(model: string): number {
    // A node's devices are mostly of one model: the last answer is usually the next one.
    if (model === this.lastModel) return this.lastModelId;
    let id = this.modelIds.get(model);
    if (id === undefined) {
      id = this.modelIds.size;
      this.modelIds.set(model, id);
    }
    this.lastModel = model;
    this.lastModelId = id;
    return id;
  }

  private matches(
    state: readonly number[],
    devices: readonly DeviceFree[],
    index = -1,
    replaced?: DeviceFree,
  ): boolean {
    if (state.length !== devices.length * FIELDS) return false;
    for (let i = 0; i < devices.length; i++) {
      const d = i === index ? replaced! : devices[i]!;
      const o = i * FIELDS;
      if (
        state[o] !== this.modelId(d.model) ||
        state[o + 1] !== d.milli ||
        state[o + 2] !== d.memoryMiB ||
        state[o + 3] !== d.computePercent ||
        state[o + 4] !== (d.idle ? 1 : 0)
      ) {
        return false;
      }
    }
    return true;
  }
}

function mixField(h: number, v: number): number {
  return Math.imul(h ^ (v * 8191), 0x85ebca6b) ^ (h >>> 13);
}
