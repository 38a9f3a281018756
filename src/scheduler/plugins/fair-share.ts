/**
 * `fair-share`: weighted dominant resource fairness (DRF) across tenants, then across the queues of
 * a tenant. A holder's dominant share is its largest share of the cluster in any resource: devices
 * of each vendor (as device-equivalents), CPU, memory; divided by its weight (a queue's weight, or
 * the sum of its queues' weights for a tenant). The queue with the lowest weighted dominant share
 * gives the next job, asked again after every bind; within a queue the profile's `order` decides
 * (priority, then FIFO). Equal shares go by queue name, so the order is deterministic.
 */
import type { ClusterState } from '../../cluster/state.js';
import type { CycleContext, PluginDeps, QueueOrderPlugin } from '../framework.js';
import { addHolding, emptyHolding, type Holding, MILLI, QueueBook, type QueueUsage, queueUsage } from '../queues.js';

export const FAIR_SHARE = 'fair-share';

/** Cycle-state key of the cluster's capacity, read once per cycle. */
const CAPACITY_KEY = 'fair-share/capacity';

interface Capacity {
  devicesByVendor: Map<string, number>;
  cpuMillis: number;
  memoryMiB: number;
}

function capacityOf(cluster: ClusterState): Capacity {
  const cap: Capacity = { devicesByVendor: new Map(), cpuMillis: 0, memoryMiB: 0 };
  for (const node of cluster.nodes()) {
    cap.cpuMillis += node.info.cpuMillis;
    cap.memoryMiB += node.info.memoryMiB;
    for (const d of node.info.devices) {
      cap.devicesByVendor.set(d.vendor, (cap.devicesByVendor.get(d.vendor) ?? 0) + MILLI);
    }
  }
  return cap;
}

function capacity(ctx: CycleContext): Capacity {
  let cap = ctx.cycle.read<Capacity>(CAPACITY_KEY);
  if (!cap) {
    cap = capacityOf(ctx.cluster);
    ctx.cycle.write(CAPACITY_KEY, cap);
  }
  return cap;
}

/** The largest share of any one resource that `h` holds. */
export function dominantShare(h: Holding, cap: Capacity): number {
  let share = 0;
  const byVendor = new Map<string, number>();
  for (const [key, milli] of h.devices) {
    const vendor = key.slice(0, key.indexOf('/'));
    byVendor.set(vendor, (byVendor.get(vendor) ?? 0) + milli);
  }
  for (const [vendor, milli] of byVendor) {
    const total = cap.devicesByVendor.get(vendor) ?? 0;
    if (total > 0) share = Math.max(share, milli / total);
  }
  if (cap.cpuMillis > 0) share = Math.max(share, h.cpuMillis / cap.cpuMillis);
  if (cap.memoryMiB > 0) share = Math.max(share, h.memoryMiB / cap.memoryMiB);
  return share;
}

export function fairShare(deps: PluginDeps): QueueOrderPlugin {
  const book = new QueueBook(deps.queues ?? []);
  const tenantOf = (queue: string) => book.byName.get(queue)?.tenant ?? `queue:${queue}`;
  const weightOf = (queue: string) => book.byName.get(queue)?.weight ?? 1;
  const tenantQueues = new Map<string, string[]>();
  for (const q of book.byName.values()) tenantQueues.set(q.tenant, [...(tenantQueues.get(q.tenant) ?? []), q.name]);

  // Shares change only when usage does (a bind, or a simulation's eviction): computed once per
  // queue and tenant per usage state, not once per comparison. (Helpers live here, not inside
  // compareQueues, which runs for every pair of queues before every job.)
  let seen: { usage: QueueUsage; changes: number } | undefined;
  const queueShares = new Map<string, number>();
  const tenantShares = new Map<string, number>();
  function queueShare(usage: QueueUsage, cap: Capacity, q: string): number {
    let share = queueShares.get(q);
    if (share === undefined) {
      share = dominantShare(usage.held(q), cap) / weightOf(q);
      queueShares.set(q, share);
    }
    return share;
  }
  function tenantShare(usage: QueueUsage, cap: Capacity, t: string, q: string): number {
    let share = tenantShares.get(t);
    if (share === undefined) {
      const queues = tenantQueues.get(t) ?? [q];
      const total = emptyHolding();
      let weight = 0;
      for (const name of queues) {
        addHolding(total, usage.held(name));
        weight += weightOf(name);
      }
      share = dominantShare(total, cap) / weight;
      tenantShares.set(t, share);
    }
    return share;
  }

  return {
    name: FAIR_SHARE,
    compareQueues(a, b, ctx) {
      const usage = queueUsage(ctx);
      if (!usage) return 0;
      if (seen?.usage !== usage || seen.changes !== usage.changes) {
        seen = { usage, changes: usage.changes };
        queueShares.clear();
        tenantShares.clear();
      }
      const cap = capacity(ctx);
      const ta = tenantOf(a);
      const tb = tenantOf(b);
      if (ta !== tb) {
        const byTenant = tenantShare(usage, cap, ta, a) - tenantShare(usage, cap, tb, b);
        if (byTenant !== 0) return byTenant;
      }
      return queueShare(usage, cap, a) - queueShare(usage, cap, b);
    },
  };
}
