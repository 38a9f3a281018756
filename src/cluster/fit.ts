/**
 * Which devices of one node would one replica get: the allocation step shared by the
 * scheduler's filter and bind. Pure.
 */
import type { ReplicaResources } from '../spec/types.js';
import type { DeviceState, NodeState } from './state.js';
import type { DeviceAllocation } from './types.js';

export type FitFailure = 'cpu' | 'memory' | 'vendor' | 'model' | 'device-memory' | 'unhealthy' | 'devices' | 'share';

export type FitResult =
  | { ok: true; vendor: string | null; model: string | null; devices: DeviceAllocation[] }
  | { ok: false; failure: FitFailure; reason: string /** best partial count, for "3 nodes have 1" */; have?: number };

/** Rank of a value in an ordered preference list; unlisted values rank after listed ones (empty list = all equal). */
export function preferenceRank(list: readonly string[], value: string): number {
  if (list.length === 0) return 0;
  const i = list.indexOf(value);
  return i === -1 ? list.length : i;
}

function eligibleKind(device: DeviceState, req: ReplicaResources): FitFailure | null {
  const acc = req.accelerators;
  if (acc.vendors.length > 0 && !acc.vendors.includes(device.info.vendor)) return 'vendor';
  if (acc.models.length > 0 && !acc.models.includes(device.info.model)) return 'model';
  if (device.info.memoryMiB < acc.minMemoryMiB) return 'device-memory';
  if (!device.info.healthy) return 'unhealthy';
  return null;
}

/** Whether a device is of a kind the request can use at all (vendor, model, memory size, health). */
export function eligibleDevice(device: DeviceState, req: ReplicaResources): boolean {
  return eligibleKind(device, req) === null;
}

/** The first-ranked reason among the devices of a node, so a message says what mattered most. */
const FAILURE_ORDER: FitFailure[] = ['vendor', 'model', 'device-memory', 'unhealthy', 'devices', 'share'];

export function fitReplica(node: NodeState, req: ReplicaResources): FitResult {
  if (node.freeCpuMillis < req.cpuMillis) {
    return { ok: false, failure: 'cpu', reason: `needs ${req.cpuMillis}m CPU, ${node.freeCpuMillis}m free` };
  }
  if (node.freeMemoryMiB < req.memoryMiB) {
    return { ok: false, failure: 'memory', reason: `needs ${req.memoryMiB}Mi memory, ${node.freeMemoryMiB}Mi free` };
  }
  const acc = req.accelerators;
  if (acc.kind === 'none') return { ok: true, vendor: null, model: null, devices: [] };

  if (node.devices.length === 0) return { ok: false, failure: 'vendor', reason: 'has no accelerators' };
  let kindFailure: FitFailure | null = null;
  const eligible: DeviceState[] = [];
  for (const device of node.devices) {
    const failure = eligibleKind(device, req);
    if (failure === null) eligible.push(device);
    else if (kindFailure === null || FAILURE_ORDER.indexOf(failure) < FAILURE_ORDER.indexOf(kindFailure)) {
      kindFailure = failure;
    }
  }
  if (eligible.length === 0) {
    const failure = kindFailure ?? 'vendor';
    return { ok: false, failure, reason: describeKindFailure(failure, node, req) };
  }
  return acc.kind === 'whole' ? fitWhole(eligible, req) : fitShare(eligible, req);
}

function fitWhole(eligible: DeviceState[], req: ReplicaResources): FitResult {
  const acc = req.accelerators;
  const single = singleModelFit(eligible, acc.count);
  if (single) return single;
  // A replica's devices are all of one model; group the free ones by model.
  const freeByModel = new Map<string, DeviceState[]>();
  let bestHave = 0;
  for (const d of eligible) {
    if (d.holders.size > 0) continue;
    const list = freeByModel.get(d.info.model) ?? [];
    list.push(d);
    freeByModel.set(d.info.model, list);
    bestHave = Math.max(bestHave, list.length);
  }
  const models = [...freeByModel.entries()]
    .filter(([, list]) => list.length >= acc.count)
    .sort(([a, la], [b, lb]) => compareModels(acc, a, la[0]!, b, lb[0]!));
  const chosen = models[0];
  if (!chosen) {
    return {
      ok: false,
      failure: 'devices',
      have: bestHave,
      reason: `needs ${acc.count} free whole device${acc.count === 1 ? '' : 's'}, has ${bestHave}`,
    };
  }
  const devices = chosen[1]
    .slice()
    .sort((a, b) => a.info.index - b.info.index)
    .slice(0, acc.count);
  return {
    ok: true,
    vendor: devices[0]!.info.vendor,
    model: chosen[0],
    devices: devices.map((d) => ({
      index: d.info.index,
      memoryMiB: d.info.memoryMiB,
      computePercent: 100,
      whole: true,
    })),
  };
}

/**
 * fitWhole for devices all of one model, in index order (most nodes): the first `count` free
 * ones, with no grouping or sorting. Undefined when the devices are not like that.
 */
function singleModelFit(eligible: DeviceState[], count: number): FitResult | undefined {
  if (count <= 0) return undefined;
  const model = eligible[0]!.info.model;
  let free = 0;
  for (let i = 0; i < eligible.length; i++) {
    const d = eligible[i]!;
    if (d.info.model !== model || (i > 0 && d.info.index <= eligible[i - 1]!.info.index)) return undefined;
    if (d.holders.size === 0) free++;
  }
  if (free < count) {
    return {
      ok: false,
      failure: 'devices',
      have: free,
      reason: `needs ${count} free whole device${count === 1 ? '' : 's'}, has ${free}`,
    };
  }
  const devices: DeviceAllocation[] = [];
  for (let i = 0; i < eligible.length && devices.length < count; i++) {
    const d = eligible[i]!;
    if (d.holders.size === 0) {
      devices.push({ index: d.info.index, memoryMiB: d.info.memoryMiB, computePercent: 100, whole: true });
    }
  }
  return { ok: true, vendor: eligible[0]!.info.vendor, model, devices };
}

function fitShare(eligible: DeviceState[], req: ReplicaResources): FitResult {
  const acc = req.accelerators;
  const share = acc.share!;
  let best: DeviceState | undefined;
  for (const d of eligible) {
    if (d.freeMemoryMiB < share.memoryMiB || d.freeComputePercent < share.computePercent) continue;
    if (!best || compareShareCandidates(acc, d, best, share.memoryMiB) < 0) best = d;
  }
  if (!best) {
    const roomiest = Math.max(...eligible.map((d) => d.freeMemoryMiB));
    return {
      ok: false,
      failure: 'share',
      reason: `needs a device with ${share.memoryMiB}Mi and ${share.computePercent}% compute free, roomiest has ${roomiest}Mi`,
    };
  }
  return {
    ok: true,
    vendor: best.info.vendor,
    model: best.info.model,
    devices: [
      { index: best.info.index, memoryMiB: share.memoryMiB, computePercent: share.computePercent, whole: false },
    ],
  };
}

/** Preferred model first (models list, then vendors list), then the one with fewer spare devices. */
function compareModels(
  acc: ReplicaResources['accelerators'],
  modelA: string,
  a: DeviceState,
  modelB: string,
  b: DeviceState,
): number {
  return (
    preferenceRank(acc.models, modelA) - preferenceRank(acc.models, modelB) ||
    preferenceRank(acc.vendors, a.info.vendor) - preferenceRank(acc.vendors, b.info.vendor) ||
    modelA.localeCompare(modelB)
  );
}

/** Preference first, then best fit: the device left with the least free memory (packs slices together). */
function compareShareCandidates(
  acc: ReplicaResources['accelerators'],
  a: DeviceState,
  b: DeviceState,
  memoryMiB: number,
): number {
  return (
    preferenceRank(acc.models, a.info.model) - preferenceRank(acc.models, b.info.model) ||
    preferenceRank(acc.vendors, a.info.vendor) - preferenceRank(acc.vendors, b.info.vendor) ||
    a.freeMemoryMiB - memoryMiB - (b.freeMemoryMiB - memoryMiB) ||
    a.info.index - b.info.index
  );
}

function describeKindFailure(failure: FitFailure, node: NodeState, req: ReplicaResources): string {
  const acc = req.accelerators;
  const have = [...new Set(node.devices.map((d) => d.info.vendor))].join(', ') || 'no accelerators';
  switch (failure) {
    case 'vendor':
      return `has ${have}, job wants ${acc.vendors.join(' or ')}`;
    case 'model':
      return `has no device of model ${acc.models.join(' or ')}`;
    case 'device-memory':
      return `devices have less than ${acc.minMemoryMiB}Mi memory`;
    case 'unhealthy':
      return 'matching devices are unhealthy';
    default:
      return 'no matching device';
  }
}
