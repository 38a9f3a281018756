/**
 * The price a task runs under: the site's price for the device model (spot for a preemptible
 * job where the site offers it), else the median public on-demand price from the catalog; plus
 * the site's CPU and memory prices. Integer micro-units, so bills add up exactly.
 */
import { pricesOf } from '../catalog/index.js';
import type { PriceSnapshot } from '../metering/types.js';
import type { SiteConfig } from './config.js';

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The catalog's median public on-demand price of a model (USD per device-hour), when it has any. */
export function catalogOnDemandPrice(model: string): number | undefined {
  return median(
    pricesOf(model)
      .filter((p) => p.pricing === 'on-demand')
      .map((p) => p.usdPerHour),
  );
}

const micros = (perHour: number) => Math.round(perHour * 1_000_000);

export function priceSnapshot(
  site: SiteConfig,
  model: string | null,
  preemptible: boolean,
  revision?: number,
): PriceSnapshot {
  const listed = model ? site.prices.find((p) => p.model === model) : undefined;
  const spot = preemptible && listed?.spotPerHour !== undefined;
  const device = listed ? (spot ? listed.spotPerHour! : listed.perHour) : model ? catalogOnDemandPrice(model) : 0;
  const currency = listed?.currency ?? (model ? 'USD' : site.currency);
  // CPU and memory prices are in the site's currency; they apply only when the device price is too.
  const sameCurrency = currency === site.currency;
  return {
    currency,
    kind: spot ? 'spot' : 'on-demand',
    perDeviceHourMicros: micros(device ?? 0),
    perCpuHourMicros: sameCurrency ? micros(site.cpuPricePerCoreHour) : 0,
    perMemoryGiBHourMicros: sameCurrency ? micros(site.memoryPricePerGiBHour) : 0,
    ...(revision !== undefined && { revision }),
  };
}
