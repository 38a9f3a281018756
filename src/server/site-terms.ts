/**
 * Each site's terms for federation: configured prices, else the median public on-demand price
 * from the catalog (USD) for each model the site has.
 */
import type { ClusterState } from '../cluster/state.js';
import type { SiteTerms } from '../federation/offers.js';
import type { SitePrice } from '../federation/types.js';
import type { SiteConfig } from './config.js';
import { catalogOnDemandPrice } from './pricing.js';

export function siteTerms(sites: readonly SiteConfig[], cluster: ClusterState): SiteTerms[] {
  const modelsBySite = new Map<string, Set<string>>();
  for (const node of cluster.nodes()) {
    const set = modelsBySite.get(node.info.site) ?? new Set<string>();
    for (const d of node.devices) set.add(d.info.model);
    modelsBySite.set(node.info.site, set);
  }
  return sites.map((site) => {
    const prices: SitePrice[] = [...site.prices];
    for (const model of modelsBySite.get(site.name) ?? []) {
      if (prices.some((p) => p.model === model)) continue;
      const onDemand = catalogOnDemandPrice(model);
      if (onDemand !== undefined) prices.push({ model, perHour: onDemand, currency: 'USD' });
    }
    return {
      site: site.name,
      region: site.region,
      prices,
      queueWaitSeconds: site.queueWaitSeconds,
      datasets: site.datasets,
      transfer: site.transfer,
    };
  });
}
