/**
 * Site offers from what the cluster holds now: free and total devices per model and site, with
 * each site's static terms (prices, queue wait, datasets, transfer). Pure.
 */
import type { ClusterState } from '../cluster/state.js';
import type { SiteOffer } from './types.js';

/** What a site offers that does not change from cycle to cycle. */
export type SiteTerms = Omit<SiteOffer, 'freeDevices' | 'totalDevices'>;

export function siteOffers(cluster: ClusterState, terms: readonly SiteTerms[]): SiteOffer[] {
  const free = new Map<string, Record<string, number>>();
  const total = new Map<string, Record<string, number>>();
  for (const node of cluster.nodes()) {
    const site = node.info.site;
    const f = free.get(site) ?? {};
    const t = total.get(site) ?? {};
    for (const d of node.devices) {
      t[d.info.model] = (t[d.info.model] ?? 0) + 1;
      if (d.holders.size === 0 && d.info.healthy && node.info.schedulable) f[d.info.model] = (f[d.info.model] ?? 0) + 1;
    }
    free.set(site, f);
    total.set(site, t);
  }
  return terms.map((t) => ({ ...t, freeDevices: free.get(t.site) ?? {}, totalDevices: total.get(t.site) ?? {} }));
}
