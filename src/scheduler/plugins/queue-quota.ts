/**
 * `queue-quota`: a job starts only if its queue stays within its quota, or within its limit by
 * borrowing idle guaranteed capacity of other queues (rules in quota-rules.ts). Jobs of a queue that
 * is not configured wait, `unresolvable`. Without queues (PluginDeps.queues absent or empty) it is
 * a no-op at every point.
 * - admit: unknown queue; CPU and memory; devices when the request can only match one quota key
 *   (shares counted by compute only, so admit refuses only what no placement could allow).
 * - filter: the devices this node would give, times the gang's replicas, for the job's queue.
 * - permit: the gang's exact placements.
 * - preempt (reclaim): a running job of another queue that borrows beyond its quota, in a dimension
 *   this job can use, while this job's queue holds less than its quota there.
 */
import { fitReplica } from '../../cluster/fit.js';
import type { AcceleratorRequest } from '../../spec/types.js';
import { FIT_KEY, type FitCache } from '../fit-cache.js';
import {
  type AdmitPlugin,
  type FilterPlugin,
  type PermitPlugin,
  type PluginDeps,
  type PreemptPlugin,
  SUCCESS,
  status,
} from '../framework.js';
import { amount, holdingOf, minimumDemand, QueueBook, queueUsage } from '../queues.js';
import { quotaVerdict, reclaimable } from '../quota-rules.js';

export const QUEUE_QUOTA = 'queue-quota';

export type QueueQuotaPlugin = AdmitPlugin & FilterPlugin & PermitPlugin & PreemptPlugin;

/** The request can only land on devices counted by `key`. */
function certainKey(acc: AcceleratorRequest, key: string): boolean {
  return (
    (acc.vendors.length > 0 && acc.vendors.every((v) => v === key)) ||
    (acc.models.length > 0 && acc.models.every((m) => m === key))
  );
}

export function queueQuota(deps: PluginDeps): QueueQuotaPlugin {
  const book = new QueueBook(deps.queues ?? []);
  const active = book.names.length > 0;
  return {
    name: QUEUE_QUOTA,
    // Its filter reads queue usage, which every bind of the cycle changes.
    dynamic: active,
    admit(job, ctx) {
      if (!active) return SUCCESS;
      if (!book.byName.has(job.queue)) {
        return status(
          'unresolvable',
          QUEUE_QUOTA,
          `queue ${job.queue} is not configured; known queues: ${book.names.join(', ')}`,
        );
      }
      const usage = queueUsage(ctx);
      if (!usage) return SUCCESS;
      const { replicas, perReplica } = job.spec.resources;
      const least = minimumDemand(replicas, perReplica);
      const reason = quotaVerdict(book, usage, job.queue, (d) => {
        if (d === 'cpuMillis') return least.holding.cpuMillis;
        if (d === 'memoryMiB') return least.holding.memoryMiB;
        return certainKey(perReplica.accelerators, d.device) ? least.devices : 0;
      });
      return reason ? status('unschedulable', QUEUE_QUOTA, reason) : SUCCESS;
    },
    filter(job, node, ctx) {
      const usage = queueUsage(ctx);
      const per = job.spec.resources.perReplica;
      if (!active || !usage || per.accelerators.kind === 'none') return SUCCESS;
      const fit = ctx.cycle.read<FitCache>(FIT_KEY)?.get(node.info.name) ?? fitReplica(node, per);
      if (!fit.ok || fit.vendor === null || fit.model === null) return SUCCESS;
      const one = holdingOf(
        [{ replica: 0, site: node.info.site, node: node.info.name, cpuMillis: 0, memoryMiB: 0, ...fit }],
        ctx.cluster,
      );
      const replicas = job.spec.resources.replicas;
      const reason = quotaVerdict(book, usage, job.queue, (d) =>
        typeof d === 'string' ? 0 : replicas * amount(one, d),
      );
      return reason ? status('unschedulable', QUEUE_QUOTA, reason) : SUCCESS;
    },
    permit(job, placements, ctx) {
      const usage = queueUsage(ctx);
      if (!active || !usage) return SUCCESS;
      const gang = holdingOf(placements, ctx.cluster);
      const reason = quotaVerdict(book, usage, job.queue, (d) => amount(gang, d));
      return reason ? status('unschedulable', QUEUE_QUOTA, reason) : SUCCESS;
    },
    mayEvict(preemptor, victim, ctx) {
      const usage = queueUsage(ctx);
      const held = usage?.heldBy(victim.id);
      if (!active || !usage || !held) return null;
      const acc = preemptor.spec.resources.perReplica.accelerators;
      return reclaimable(book, usage, preemptor.queue, acc, held.queue, held.holding)?.reason ?? null;
    },
  };
}
