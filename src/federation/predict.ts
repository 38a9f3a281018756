/**
 * One candidate per (offer, model): whether the job may go there, and what it would take (wait,
 * transfer, duration, cost) when it may. Pure; the plan ranks what this returns.
 */
import { getModel } from '../catalog/index.js';
import type { CompatOptions } from '../scheduler/framework.js';
import type { CompiledJobSpec } from '../spec/types.js';
import { duration, isoTime, money } from './format.js';
import type { Candidate, Prediction, SiteOffer } from './types.js';

/** The job's work as seconds on one reference model and that model's throughput for the job. */
export interface WorkEstimate {
  referenceSeconds: number;
  referenceModel: string;
  referenceThroughput: number;
}

export interface PredictInput {
  spec: CompiledJobSpec;
  offer: SiteOffer;
  model: string;
  compat: CompatOptions;
  work: WorkEstimate;
  now: number;
  /** Epoch ms; absent = none. */
  deadline?: number;
}

/** Canonical vendor of a model: the catalog's, else the id's first segment. */
export function vendorOf(model: string): string {
  return getModel(model)?.vendor ?? model.split('-')[0] ?? model;
}

/** Devices the job holds: replicas × whole devices, or replicas × compute fraction for a share. */
export function devicesOf(spec: CompiledJobSpec): number {
  const acc = spec.resources.perReplica.accelerators;
  const perReplica = acc.kind === 'share' ? (acc.share?.computePercent ?? 100) / 100 : acc.count;
  return spec.resources.replicas * perReplica;
}

/** Why the job's own constraints rule this (offer, model) out, or null. */
function constraintViolation(spec: CompiledJobSpec, offer: SiteOffer, model: string, vendor: string): string | null {
  const { sites, regions } = spec.placement;
  const acc = spec.resources.perReplica.accelerators;
  if (sites.length > 0 && !sites.includes(offer.site)) return `job allows sites ${sites.join(', ')}`;
  if (regions.length > 0 && !regions.includes(offer.region)) {
    return `region ${offer.region} is not one of ${regions.join(', ')}`;
  }
  if (acc.vendors.length > 0 && !acc.vendors.includes(vendor)) {
    return `vendor ${vendor} is not one of ${acc.vendors.join(', ')}`;
  }
  if (acc.models.length > 0 && !acc.models.includes(model)) return `job allows models ${acc.models.join(', ')}`;
  return null;
}

export function predictCandidate(input: PredictInput): Candidate {
  const { spec, offer, model, compat, work, now, deadline } = input;
  const vendor = vendorOf(model);
  const base = { site: offer.site, region: offer.region, model, vendor };
  const out = (reason: string, prediction?: Prediction): Candidate =>
    prediction ? { ...base, feasible: false, prediction, reason } : { ...base, feasible: false, reason };

  const violation = constraintViolation(spec, offer, model, vendor);
  if (violation) return out(violation);
  const option = compat.allowed.get(model);
  if (!option) return out(`cannot run the job: ${compat.refused.get(model) ?? 'no runnable stack known'}`);
  if (!(option.throughput > 0)) return out(`predicted throughput is ${option.throughput}`);

  const devices = devicesOf(spec);
  const whole = Math.ceil(devices);
  const total = offer.totalDevices[model] ?? 0;
  if (total < whole) return out(total === 0 ? `has no ${model}` : `has ${total} ${model}, job needs ${whole}`);
  const price = offer.prices.find((p) => p.model === model);
  if (!price) return out(`has no price for ${model}`);

  const free = offer.freeDevices[model] ?? 0;
  const waitSeconds = free >= whole ? 0 : Math.max(0, offer.queueWaitSeconds);
  const data = spec.placement.data;
  const needsData = data !== undefined && !offer.datasets.includes(data.dataset);
  const gib = needsData ? data.sizeMiB / 1024 : 0;
  if (needsData && gib > 0 && !(offer.transfer.gibPerSecond > 0)) return out(`cannot receive dataset ${data.dataset}`);
  const transferSeconds = gib > 0 ? gib / offer.transfer.gibPerSecond : 0;
  const durationSeconds = work.referenceSeconds * (work.referenceThroughput / option.throughput);
  const usesSpot = spec.runtime.preemptible && price.spotPerHour !== undefined;
  const pricePerDeviceHour = usesSpot ? (price.spotPerHour ?? price.perHour) : price.perHour;
  const pricePerHour = pricePerDeviceHour * devices;
  const transferCost = gib * offer.transfer.costPerGiB;
  const start = now + (waitSeconds + transferSeconds) * 1000;
  const end = start + durationSeconds * 1000;
  const prediction: Prediction = {
    devices,
    throughput: option.throughput,
    waitSeconds,
    transferSeconds,
    durationSeconds,
    start,
    end,
    pricePerDeviceHour,
    pricePerHour,
    transferCost,
    cost: (durationSeconds / 3600) * pricePerHour + transferCost,
    currency: price.currency,
  };

  const cap = spec.placement.maxPricePerHour;
  if (cap !== undefined && pricePerHour > cap) {
    return out(
      `costs ${money(pricePerHour, price.currency)}/h, above the cap of ${money(cap, price.currency)}/h`,
      prediction,
    );
  }
  if (deadline !== undefined && end > deadline) {
    return out(`would end at ${isoTime(end)}, after the deadline ${isoTime(deadline)}`, prediction);
  }
  const parts = [`${duration(durationSeconds)} at throughput ${option.throughput}`];
  if (waitSeconds > 0) parts.push(`waits ${duration(waitSeconds)} for ${whole} free ${model}`);
  if (transferSeconds > 0) parts.push(`moves ${gib.toFixed(1)} GiB in ${duration(transferSeconds)}`);
  if (usesSpot) parts.push('spot price');
  return { ...base, feasible: true, prediction, reason: parts.join('; ') };
}
