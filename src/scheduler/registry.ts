/**
 * The one place that knows every plugin. Profiles refer to plugins by name; nothing registers
 * itself on import.
 */
import type { AdmitPlugin, FilterPlugin, OrderPlugin, PermitPlugin, ScorePlugin } from './framework.js';
import { binpack } from './plugins/binpack.js';
import { capacityFit } from './plugins/capacity-fit.js';
import { keepAcceleratorsFree } from './plugins/keep-accelerators-free.js';
import { priorityOrder } from './plugins/priority-order.js';
import { schedulableNode } from './plugins/schedulable-node.js';
import { siteFilter } from './plugins/site-filter.js';
import { topology } from './plugins/topology.js';
import { vendorPreference } from './plugins/vendor-preference.js';

export const orderPlugins: Record<string, OrderPlugin> = { [priorityOrder.name]: priorityOrder };
export const admitPlugins: Record<string, AdmitPlugin> = {};
export const filterPlugins: Record<string, FilterPlugin> = {
  [schedulableNode.name]: schedulableNode,
  [siteFilter.name]: siteFilter,
  [capacityFit.name]: capacityFit,
};
export const scorePlugins: Record<string, ScorePlugin> = {
  [binpack.name]: binpack,
  [vendorPreference.name]: vendorPreference,
  [keepAcceleratorsFree.name]: keepAcceleratorsFree,
};
export const permitPlugins: Record<string, PermitPlugin> = { [topology.name]: topology };
