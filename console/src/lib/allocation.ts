/** Device allocation summed per site and model, in device-equivalents (a 30% share counts 0.3). */
import type { NodeView } from '../types';

export interface ModelAllocation {
  site: string;
  vendor: string;
  model: string;
  devices: number;
  allocated: number;
  unhealthy: number;
}

export function allocationByModel(nodes: readonly NodeView[], bySite: boolean): ModelAllocation[] {
  const map = new Map<string, ModelAllocation>();
  for (const node of nodes) {
    for (const d of node.devices) {
      const key = bySite ? `${node.site}\u0000${d.model}` : d.model;
      const row = map.get(key) ?? {
        site: bySite ? node.site : '',
        vendor: d.vendor,
        model: d.model,
        devices: 0,
        allocated: 0,
        unhealthy: 0,
      };
      row.devices += 1;
      row.allocated += Math.min(100, Math.max(0, d.allocatedComputePercent)) / 100;
      if (!d.healthy) row.unhealthy += 1;
      map.set(key, row);
    }
  }
  return [...map.values()].sort((a, b) => a.vendor.localeCompare(b.vendor) || a.model.localeCompare(b.model));
}
