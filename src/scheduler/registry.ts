/**
 * The one place that knows every plugin. Profiles refer to plugins by name; nothing registers
 * itself on import. Each entry is a factory, so a plugin that needs read-only knowledge (the
 * adaptation center's verdicts) receives it at compile time through PluginDeps.
 */
import type {
  AdmitPlugin,
  FilterPlugin,
  OrderPlugin,
  PermitPlugin,
  PluginDeps,
  PreemptPlugin,
  QueueOrderPlugin,
  ScorePlugin,
} from './framework.js';
import { bestFit } from './plugins/best-fit.js';
import { binpack } from './plugins/binpack.js';
import { capacityFit } from './plugins/capacity-fit.js';
import { COMPATIBILITY, compatibility, PREDICTED_THROUGHPUT, predictedThroughput } from './plugins/compatibility.js';
import { dotProduct } from './plugins/dot-product.js';
import { FAIR_SHARE, fairShare } from './plugins/fair-share.js';
import { fgd } from './plugins/fgd.js';
import { fragPack } from './plugins/frag-pack.js';
import { keepAcceleratorsFree } from './plugins/keep-accelerators-free.js';
import { placementFilter } from './plugins/placement-filter.js';
import { priorityOrder } from './plugins/priority-order.js';
import { PRIORITY_PREEMPT, priorityPreempt } from './plugins/priority-preempt.js';
import { QUEUE_QUOTA, queueQuota } from './plugins/queue-quota.js';
import { randomScore } from './plugins/random-score.js';
import { schedulableNode } from './plugins/schedulable-node.js';
import { SITE_PLAN, sitePlan } from './plugins/site-plan.js';
import { spread } from './plugins/spread.js';
import { topology } from './plugins/topology.js';
import { vendorPreference } from './plugins/vendor-preference.js';

export type Factory<T> = (deps: PluginDeps) => T;

const constant =
  <T>(plugin: T): Factory<T> =>
  () =>
    plugin;

export const orderPlugins: Record<string, Factory<OrderPlugin>> = {
  [priorityOrder.name]: constant(priorityOrder),
};
export const queueOrderPlugins: Record<string, Factory<QueueOrderPlugin>> = { [FAIR_SHARE]: fairShare };
export const admitPlugins: Record<string, Factory<AdmitPlugin>> = { [QUEUE_QUOTA]: queueQuota };
export const filterPlugins: Record<string, Factory<FilterPlugin>> = {
  [schedulableNode.name]: constant(schedulableNode),
  [placementFilter.name]: constant(placementFilter),
  [capacityFit.name]: constant(capacityFit),
  [COMPATIBILITY]: compatibility,
  [QUEUE_QUOTA]: queueQuota,
};
export const scorePlugins: Record<string, Factory<ScorePlugin>> = {
  [binpack.name]: constant(binpack),
  [vendorPreference.name]: constant(vendorPreference),
  [keepAcceleratorsFree.name]: constant(keepAcceleratorsFree),
  [PREDICTED_THROUGHPUT]: predictedThroughput,
  [SITE_PLAN]: sitePlan,
  'best-fit': bestFit,
  'dot-product': dotProduct,
  fgd,
  'frag-pack': fragPack,
  random: randomScore,
  [spread.name]: constant(spread),
};
export const permitPlugins: Record<string, Factory<PermitPlugin>> = {
  [topology.name]: constant(topology),
  [QUEUE_QUOTA]: queueQuota,
};
export const preemptPlugins: Record<string, Factory<PreemptPlugin>> = {
  [PRIORITY_PREEMPT]: priorityPreempt,
  [QUEUE_QUOTA]: queueQuota,
};
