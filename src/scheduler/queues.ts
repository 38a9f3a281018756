/**
 * Queues: who may hold how much. A queue belongs to a tenant, has a weight for fair share, a
 * `quota` (guaranteed) and a `limit` (the most it may hold, borrowing included). This file holds
 * the configuration, what a job holds in quota terms, and the per-cycle usage view; the rules that
 * read them live in quota-rules.ts.
 *
 * Dimensions: a device key names a vendor (`nvidia`) or a model (`huawei-ascend-910b3`) and counts
 * every device of it; `cpuMillis` and `memoryMiB` count the node resources. A dimension is governed
 * when any queue names it in a quota or limit; a governed dimension a queue does not name has quota
 * 0 for it (it may only borrow). Dimensions no queue names are not governed at all.
 *
 * Devices count as device-equivalents, kept in thousandths: a whole device is 1, a share is the
 * larger of its memory and compute fractions (rounded up to the next thousandth).
 */
import type { ClusterState } from '../cluster/state.js';
import type { ReplicaPlacement } from '../cluster/types.js';
import type { ReplicaResources } from '../spec/types.js';
import type { Cloneable, CycleContext, RunningJob } from './framework.js';

export interface ResourceAmounts {
  /** Device key (vendor or model id) → devices. */
  devices?: Readonly<Record<string, number>>;
  cpuMillis?: number;
  memoryMiB?: number;
}

export interface QueueConfig {
  name: string;
  tenant: string;
  /** Fair-share weight (> 0); a queue with weight 2 is entitled to twice the share of weight 1. */
  weight: number;
  quota: ResourceAmounts;
  /** Omitted dimensions are capped only by borrowing. */
  limit?: ResourceAmounts;
}

export const MILLI = 1000;

/** What a job holds or asks for: milli-devices per `vendor/model`, CPU and memory. */
export interface Holding {
  devices: Map<string, number>;
  cpuMillis: number;
  memoryMiB: number;
}

export function emptyHolding(): Holding {
  return { devices: new Map(), cpuMillis: 0, memoryMiB: 0 };
}

export function addHolding(into: Holding, h: Holding, sign: 1 | -1 = 1): void {
  for (const [key, milli] of h.devices) {
    const next = (into.devices.get(key) ?? 0) + sign * milli;
    if (next === 0) into.devices.delete(key);
    else into.devices.set(key, next);
  }
  into.cpuMillis += sign * h.cpuMillis;
  into.memoryMiB += sign * h.memoryMiB;
}

function copyHolding(h: Holding): Holding {
  return { devices: new Map(h.devices), cpuMillis: h.cpuMillis, memoryMiB: h.memoryMiB };
}

/**
 * What a job's recorded allocation holds, memoized on the allocation itself (ClusterState keeps
 * one array per allocation for as long as it lasts), so rebuilding the usage view every cycle costs
 * a lookup per running job. Callers must not change the holding they get.
 */
const held = new WeakMap<readonly ReplicaPlacement[], Holding>();
function allocationHolding(placements: readonly ReplicaPlacement[], cluster: ClusterState): Holding {
  let h = held.get(placements);
  if (!h) {
    h = holdingOf(placements, cluster);
    held.set(placements, h);
  }
  return h;
}

/** What placements hold; device memory is read from the cluster to size shares. */
export function holdingOf(placements: readonly ReplicaPlacement[], cluster: ClusterState): Holding {
  const h = emptyHolding();
  for (const p of placements) {
    h.cpuMillis += p.cpuMillis;
    h.memoryMiB += p.memoryMiB;
    if (p.vendor === null || p.model === null) continue;
    const key = `${p.vendor}/${p.model}`;
    let milli = 0;
    for (const a of p.devices) {
      if (a.whole) {
        milli += MILLI;
        continue;
      }
      const size = cluster.node(p.node)?.devices[a.index]?.info.memoryMiB ?? a.memoryMiB;
      milli += Math.ceil(MILLI * Math.max(size > 0 ? a.memoryMiB / size : 1, a.computePercent / 100));
    }
    h.devices.set(key, (h.devices.get(key) ?? 0) + milli);
  }
  return h;
}

/** The least a job's replicas may hold, before placement: shares count by compute only. */
export function minimumDemand(replicas: number, per: ReplicaResources): { devices: number; holding: Holding } {
  const acc = per.accelerators;
  const perDevice =
    acc.kind === 'whole' ? acc.count * MILLI : acc.kind === 'share' ? (acc.share?.computePercent ?? 0) * 10 : 0;
  return {
    devices: replicas * perDevice,
    holding: { devices: new Map(), cpuMillis: replicas * per.cpuMillis, memoryMiB: replicas * per.memoryMiB },
  };
}

export type Dimension = { device: string } | 'cpuMillis' | 'memoryMiB';

/** Amount of one dimension in a holding (milli-devices for device keys). */
export function amount(h: Holding, d: Dimension): number {
  if (d === 'cpuMillis') return h.cpuMillis;
  if (d === 'memoryMiB') return h.memoryMiB;
  let sum = 0;
  for (const [key, milli] of h.devices) if (matchesDeviceKey(key, d.device)) sum += milli;
  return sum;
}

/** Whether a `vendor/model` key counts towards a quota key (a vendor or a model id). */
export function matchesDeviceKey(vendorModel: string, quotaKey: string): boolean {
  // The vendor is what comes before the first slash, the model what comes after (no substrings built).
  const slash = vendorModel.indexOf('/');
  const n = quotaKey.length;
  if (slash === n && vendorModel.startsWith(quotaKey)) return true;
  return vendorModel.length - slash - 1 === n && vendorModel.endsWith(quotaKey);
}

export class QueueConfigError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'QueueConfigError';
  }
}

/** Queues compiled once: configs by name, governed dimensions, quotas and limits in milli-devices. */
export class QueueBook {
  readonly byName = new Map<string, QueueConfig>();
  readonly dimensions: Dimension[] = [];

  constructor(configs: readonly QueueConfig[]) {
    const devices = new Set<string>();
    let cpu = false;
    let memory = false;
    configs.forEach((q, i) => {
      const path = `queues[${i}]`;
      if (!q.name) throw new QueueConfigError(`${path}.name`, 'must not be empty');
      if (this.byName.has(q.name)) throw new QueueConfigError(`${path}.name`, `duplicate queue "${q.name}"`);
      if (!(q.weight > 0) || !Number.isFinite(q.weight)) throw new QueueConfigError(`${path}.weight`, 'must be > 0');
      for (const [field, amounts] of [
        ['quota', q.quota],
        ['limit', q.limit],
      ] as const) {
        if (!amounts) continue;
        for (const [key, n] of Object.entries(amounts.devices ?? {})) {
          if (!(n >= 0)) throw new QueueConfigError(`${path}.${field}.devices.${key}`, 'must be a number >= 0');
          devices.add(key);
        }
        for (const dim of ['cpuMillis', 'memoryMiB'] as const) {
          const n = amounts[dim];
          if (n === undefined) continue;
          if (!(n >= 0)) throw new QueueConfigError(`${path}.${field}.${dim}`, 'must be a number >= 0');
          if (dim === 'cpuMillis') cpu = true;
          else memory = true;
        }
      }
      this.byName.set(q.name, q);
    });
    for (const key of [...devices].sort()) this.dimensions.push({ device: key });
    if (cpu) this.dimensions.push('cpuMillis');
    if (memory) this.dimensions.push('memoryMiB');
    configs.forEach((q, i) => {
      for (const d of this.dimensions) {
        if (this.limit(q.name, d) < this.quota(q.name, d)) {
          throw new QueueConfigError(`queues[${i}].limit.${dimensionName(d)}`, 'must be at least the quota');
        }
      }
    });
  }

  get names(): string[] {
    return [...this.byName.keys()];
  }

  /** Guaranteed amount (milli-devices for device keys); 0 when the queue does not name it. */
  quota(queue: string, d: Dimension): number {
    return read(this.byName.get(queue)?.quota, d) ?? 0;
  }

  /** The most it may hold; Infinity when the limit does not name it. */
  limit(queue: string, d: Dimension): number {
    return read(this.byName.get(queue)?.limit, d) ?? Number.POSITIVE_INFINITY;
  }
}

function read(amounts: ResourceAmounts | undefined, d: Dimension): number | undefined {
  if (!amounts) return undefined;
  if (d === 'cpuMillis' || d === 'memoryMiB') return amounts[d];
  const n = amounts.devices?.[d.device];
  return n === undefined ? undefined : n * MILLI;
}

export function dimensionName(d: Dimension): string {
  return typeof d === 'string' ? d : `devices.${d.device}`;
}

/** The bare quantity: "16", "2.5" (devices), "64000m", "2048Mi". */
export function formatQuantity(d: Dimension, n: number): string {
  if (d === 'cpuMillis') return `${n}m`;
  if (d === 'memoryMiB') return `${n}Mi`;
  return String(Number((n / MILLI).toFixed(2)));
}

/** "16 nvidia devices", "2.5 nvidia devices", "64000m CPU", "2048Mi memory". */
export function formatAmount(d: Dimension, n: number): string {
  if (d === 'cpuMillis') return `${n}m CPU`;
  if (d === 'memoryMiB') return `${n}Mi memory`;
  const q = formatQuantity(d, n);
  return `${q} ${d.device} device${q === '1' ? '' : 's'}`;
}

/** Cycle-state key of the usage view. */
export const QUEUE_USAGE_KEY = 'queues/usage';

/**
 * What each queue holds now: built at the start of a cycle from the cluster's allocations and the
 * running jobs' queues (allocations of jobs the caller did not list count for no queue), then kept
 * up to date as the cycle binds. Cloneable, so simulations can remove victims on their own copy.
 */
export class QueueUsage implements Cloneable<QueueUsage> {
  private readonly byQueue = new Map<string, Holding>();
  private readonly byJob = new Map<string, { queue: string; holding: Holding }>();
  /** A clone reads the jobs of the usage it was cloned from, minus the ones it removed. */
  private base: QueueUsage | undefined;
  private baseVersion = 0;
  private readonly removed = new Set<string>();
  /** Changes on every add or remove, so a clone can tell that its base moved under it. */
  private version = 0;

  static build(cluster: ClusterState, running: ReadonlyMap<string, RunningJob>): QueueUsage {
    const usage = new QueueUsage();
    for (const jobId of cluster.allocatedJobs()) {
      const job = running.get(jobId);
      const placements = cluster.allocationOf(jobId);
      if (job && placements) usage.add(jobId, job.queue, allocationHolding(placements, cluster));
    }
    return usage;
  }

  add(jobId: string, queue: string, holding: Holding): void {
    if (this.heldBy(jobId)) return;
    this.version++;
    this.byJob.set(jobId, { queue, holding });
    this.removed.delete(jobId);
    let total = this.byQueue.get(queue);
    if (!total) {
      total = emptyHolding();
      this.byQueue.set(queue, total);
    }
    addHolding(total, holding);
  }

  /** Forgets a job; returns what it held, or undefined when it counted for no queue. */
  remove(jobId: string): { queue: string; holding: Holding } | undefined {
    const entry = this.heldBy(jobId);
    if (!entry) return undefined;
    this.version++;
    if (!this.byJob.delete(jobId)) this.removed.add(jobId);
    const total = this.byQueue.get(entry.queue);
    if (total) addHolding(total, entry.holding, -1);
    return entry;
  }

  held(queue: string): Holding {
    return this.byQueue.get(queue) ?? EMPTY;
  }

  /** Changes whenever a job is added or removed: what a cache of per-queue figures keys on. */
  get changes(): number {
    return this.version;
  }

  heldBy(jobId: string): { queue: string; holding: Holding } | undefined {
    const own = this.byJob.get(jobId);
    if (own || !this.base || this.removed.has(jobId)) return own;
    if (this.base.version !== this.baseVersion) {
      throw new Error('queue usage changed under a simulation cloned from it');
    }
    return this.base.heldBy(jobId);
  }

  queues(): IterableIterator<string> {
    return this.byQueue.keys();
  }

  /**
   * A copy for a simulation: the per-queue totals are copied, the per-job entries are read through
   * from this usage, which must not change while the copy is in use (a simulation lives within one
   * decision of the cycle; reading a copy whose original changed throws).
   */
  clone(): QueueUsage {
    const copy = new QueueUsage();
    for (const [q, h] of this.byQueue) copy.byQueue.set(q, copyHolding(h));
    copy.base = this;
    copy.baseVersion = this.version;
    return copy;
  }
}

const EMPTY: Holding = Object.freeze({ devices: new Map(), cpuMillis: 0, memoryMiB: 0 }) as Holding;

/** The cycle's usage view, when the profile has queues. */
export function queueUsage(ctx: CycleContext): QueueUsage | undefined {
  return ctx.cycle.read<QueueUsage>(QUEUE_USAGE_KEY);
}
