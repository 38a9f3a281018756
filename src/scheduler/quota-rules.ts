/**
 * The quota rules, over the usage view (queues.ts). For every governed dimension a job adds to:
 * - the queue may never hold more than its limit;
 * - beyond its quota it borrows, and may borrow only what other queues hold idle of their own
 *   quotas (net of what they borrow themselves): the sum of all usage stays within the sum of all
 *   quotas whenever anyone is over quota. Borrowed capacity is what reclaim may take back.
 */
import type { AcceleratorRequest } from '../spec/types.js';
import {
  amount,
  type Dimension,
  formatAmount,
  formatQuantity,
  type Holding,
  matchesDeviceKey,
  type QueueBook,
  type QueueUsage,
} from './queues.js';

/**
 * What the rules read of a usage view (each queue's amount and what the others hold idle, per
 * dimension), kept while the view and the book stay the same: a filter asks for every candidate
 * node between two binds, and the answers only change with a bind.
 */
interface Figures {
  book: QueueBook;
  changes: number;
  used: Map<string, Map<Dimension, number>>;
  idle: Map<string, Map<Dimension, number>>;
}
const figures = new WeakMap<QueueUsage, Figures>();

function figuresOf(book: QueueBook, usage: QueueUsage): Figures {
  let f = figures.get(usage);
  if (!f || f.book !== book || f.changes !== usage.changes) {
    f = { book, changes: usage.changes, used: new Map(), idle: new Map() };
    figures.set(usage, f);
  }
  return f;
}

function remembered(
  table: Map<string, Map<Dimension, number>>,
  queue: string,
  d: Dimension,
  compute: () => number,
): number {
  let byDimension = table.get(queue);
  if (!byDimension) {
    byDimension = new Map();
    table.set(queue, byDimension);
  }
  let value = byDimension.get(d);
  if (value === undefined) {
    value = compute();
    byDimension.set(d, value);
  }
  return value;
}

/** Why `queue` may not take `extra` more (per dimension), or undefined when it may. */
export function quotaVerdict(
  book: QueueBook,
  usage: QueueUsage,
  queue: string,
  extra: (d: Dimension) => number,
): string | undefined {
  const f = figuresOf(book, usage);
  for (const d of book.dimensions) {
    const x = extra(d);
    if (x <= 0) continue;
    const used = remembered(f.used, queue, d, () => amount(usage.held(queue), d));
    const after = used + x;
    const limit = book.limit(queue, d);
    if (after > limit) {
      return used >= limit
        ? `queue ${queue} at its limit: holds ${formatAmount(d, used)}, limit ${formatQuantity(d, limit)}`
        : `queue ${queue} would pass its limit: holds ${formatAmount(d, used)}, needs ${formatQuantity(d, x)} more, limit ${formatQuantity(d, limit)}`;
    }
    const quota = book.quota(queue, d);
    if (after <= quota) continue;
    const idle = remembered(f.idle, queue, d, () => idleElsewhere(book, usage, queue, d));
    if (after - quota > idle) {
      return (
        `queue ${queue} cannot borrow ${formatAmount(d, after - quota)} beyond its quota of ` +
        `${formatQuantity(d, quota)}: other queues have ${formatQuantity(d, Math.max(0, idle))} idle`
      );
    }
  }
  return undefined;
}

/** What the other queues could lend in `d`: their unused quota less what they borrow. */
export function idleElsewhere(book: QueueBook, usage: QueueUsage, queue: string, d: Dimension): number {
  let idle = 0;
  for (const name of book.names) if (name !== queue) idle += book.quota(name, d) - amount(usage.held(name), d);
  for (const name of usage.queues()) if (name !== queue && !book.byName.has(name)) idle -= amount(usage.held(name), d);
  return idle;
}

/** Whether a job with this request could use devices of `vendor/model`. */
export function accepts(acc: AcceleratorRequest, vendorModel: string): boolean {
  if (acc.kind === 'none') return false;
  const slash = vendorModel.indexOf('/');
  const vendor = vendorModel.slice(0, slash);
  const model = vendorModel.slice(slash + 1);
  return (
    (acc.vendors.length === 0 || acc.vendors.includes(vendor)) &&
    (acc.models.length === 0 || acc.models.includes(model))
  );
}

/**
 * Reclaim: the dimension in which `victim` (holding `held`, in `victimQueue`) may be taken back for a
 * job of `queue` that asks `acc` (plus CPU and memory): the victim's queue holds more than its quota
 * there, and `queue` holds less than its own. Undefined when there is none.
 */
export function reclaimable(
  book: QueueBook,
  usage: QueueUsage,
  queue: string,
  acc: AcceleratorRequest,
  victimQueue: string,
  held: Holding,
): { dimension: Dimension; reason: string } | undefined {
  if (victimQueue === queue) return undefined;
  for (const d of book.dimensions) {
    if (amount(held, d) <= 0) continue;
    if (typeof d !== 'string') {
      const usable = [...held.devices.keys()].some((vm) => matchesDeviceKey(vm, d.device) && accepts(acc, vm));
      if (!usable) continue;
    }
    const victimUsed = amount(usage.held(victimQueue), d);
    const victimQuota = book.quota(victimQueue, d);
    if (victimUsed <= victimQuota) continue;
    const mine = amount(usage.held(queue), d);
    const myQuota = book.quota(queue, d);
    if (mine >= myQuota) continue;
    return {
      dimension: d,
      reason:
        `reclaim: queue ${victimQueue} holds ${formatAmount(d, victimUsed)}, beyond its quota of ` +
        `${formatQuantity(d, victimQuota)}; queue ${queue} is under its quota`,
    };
  }
  return undefined;
}
