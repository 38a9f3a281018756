/**
 * A Kubernetes Node → Junction's NodeInfo. Pure.
 *
 * Devices come, in order of preference, from HAMi's registration annotation (one entry per physical device, with
 * memory, type and health), else from the allocatable count of the vendor's device-plugin resource. The model is
 * the catalog model named by the node label `junction.io/accelerator-model` (set by an operator), else the one the
 * vendor's own node labels name (NVIDIA GPU feature discovery `nvidia.com/gpu.product`, AMD's node labeller
 * `amd.com/gpu.product-name`), else the device type HAMi registered.
 */
import type { V1Node } from '@kubernetes/client-node';
import { findModel, getModel, modelKey, modelsOfVendor } from '../../catalog/index.js';
import type { DeviceInfo, NodeInfo } from '../../cluster/types.js';
import { parseCpuMillis, parseMemoryMiB } from '../../spec/quantity.js';
import { resolveVendorName, vendors } from '../../vendors/registry.js';

export const MODEL_LABEL = 'junction.io/accelerator-model';

/** Device-model labels the vendors' own node labellers set. */
const PRODUCT_LABELS: Record<string, string[]> = {
  nvidia: ['nvidia.com/gpu.product'],
  amd: ['amd.com/gpu.product-name', 'beta.amd.com/gpu.product-name'],
};
const MEMORY_LABELS: Record<string, string> = { nvidia: 'nvidia.com/gpu.memory' };

/** HAMi's device words in `hami.io/node-<word>-register` where they are not a vendor name or alias. */
const HAMI_WORDS: Record<string, string> = { mlu: 'cambricon', dcu: 'hygon', vxpu: 'kunlunxin', xpu: 'kunlunxin' };

export function nodeInfo(node: V1Node, site: string): NodeInfo {
  const name = node.metadata?.name ?? '';
  const labels = node.metadata?.labels ?? {};
  const allocatable = node.status?.allocatable ?? {};
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  return {
    name: `${site}/${name}`,
    site,
    domains: [site],
    cpuMillis: quantity(parseCpuMillis, allocatable.cpu),
    memoryMiB: quantity(parseMemoryMiB, allocatable.memory),
    devices: nodeDevices(node),
    labels: { ...labels },
    schedulable: ready && node.spec?.unschedulable !== true,
  };
}

function quantity(parse: typeof parseCpuMillis, value: string | undefined): number {
  if (value === undefined) return 0;
  const parsed = parse(value);
  return parsed.ok ? Math.floor(parsed.value) : 0;
}

export function nodeDevices(node: V1Node): DeviceInfo[] {
  const fromHami = hamiDevices(node);
  if (fromHami.length > 0) return fromHami;
  const labels = node.metadata?.labels ?? {};
  const allocatable = node.status?.allocatable ?? {};
  for (const vendor of vendors) {
    for (const [resource, perModel] of resourceNames(vendor.id)) {
      const count = Number(allocatable[resource] ?? 0);
      if (!(count > 0)) continue;
      const model = perModel ?? labelledModel(vendor.id, labels);
      const labelMemory = Number(labels[MEMORY_LABELS[vendor.id] ?? ''] ?? Number.NaN);
      const memoryMiB = labelMemory > 0 ? labelMemory : (getModel(model)?.memoryMiB ?? 0);
      return Array.from({ length: Math.floor(count) }, (_, index) => ({
        index,
        vendor: vendor.id,
        model,
        memoryMiB,
        healthy: true,
      }));
    }
  }
  return [];
}

/** Device resource names of one vendor (its plugin's, HAMi's per chip), with the model where the name says it. */
function resourceNames(vendorId: string): Map<string, string | undefined> {
  const adapter = vendors.find((v) => v.id === vendorId)!;
  const names = new Map<string, string | undefined>();
  for (const m of modelsOfVendor(vendorId)) {
    const own = adapter.kubernetesNames(m.id);
    for (const name of [own.device, own.hamiDevice]) {
      if (name !== adapter.kubernetesNames().device) names.set(name, m.id);
    }
  }
  names.set(adapter.kubernetesNames().device, undefined);
  return names;
}

function labelledModel(vendorId: string, labels: Record<string, string>): string {
  const explicit = labels[MODEL_LABEL];
  if (explicit !== undefined) return getModel(explicit)?.id ?? findModel(explicit)?.id ?? explicit;
  for (const label of PRODUCT_LABELS[vendorId] ?? []) {
    const product = labels[label];
    const model = product === undefined ? undefined : modelFromProduct(vendorId, product);
    if (model !== undefined) return model;
  }
  return 'unknown';
}

/**
 * The catalog model a vendor's product string names ("NVIDIA-H100-80GB-HBM3", "AMD_Instinct_MI300X"): an exact
 * name first, else the model whose longest alias appears in it (so "H200" is not read as "H20").
 */
export function modelFromProduct(vendorId: string, product: string): string | undefined {
  const exact = findModel(product) ?? findModel(product.replace(/^[^-_ ]+[-_ ]/, ''));
  if (exact !== undefined && exact.vendor === vendorId) return exact.id;
  const key = modelKey(product);
  let best: { id: string; length: number } | undefined;
  for (const m of modelsOfVendor(vendorId)) {
    for (const alias of [m.name, ...m.aliases].map(modelKey)) {
      if (alias.length > 0 && key.includes(alias) && alias.length > (best?.length ?? 0)) {
        best = { id: m.id, length: alias.length };
      }
    }
  }
  return best?.id;
}

/**
 * HAMi's `hami.io/node-<word>-register` annotation: either `uuid,count,memMiB,cores,type,numa,healthy` entries
 * joined by ':' (HAMi ≤ 2.4) or a JSON array of `{id, devmem, type, health, index}` (later releases).
 */
function hamiDevices(node: V1Node): DeviceInfo[] {
  const annotations = node.metadata?.annotations ?? {};
  const labels = node.metadata?.labels ?? {};
  const devices: DeviceInfo[] = [];
  for (const [key, value] of Object.entries(annotations)) {
    const word = /^hami\.io\/node-([a-z0-9]+)-register$/.exec(key)?.[1];
    if (word === undefined) continue;
    const vendor = HAMI_WORDS[word] ?? resolveVendorName(word);
    if (vendor === undefined) continue;
    for (const entry of hamiEntries(value)) {
      const model =
        labels[MODEL_LABEL] !== undefined
          ? labelledModel(vendor, labels)
          : (modelFromProduct(vendor, entry.type) ?? labelledModel(vendor, labels));
      devices.push({
        index: entry.index ?? devices.filter((d) => d.vendor === vendor).length,
        vendor,
        model,
        memoryMiB: entry.memoryMiB,
        uuid: entry.uuid,
        healthy: entry.healthy,
      });
    }
  }
  return devices;
}

interface HamiEntry {
  uuid: string;
  memoryMiB: number;
  type: string;
  healthy: boolean;
  index?: number;
}

function hamiEntries(value: string): HamiEntry[] {
  const text = value.trim();
  if (text.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return [];
    }
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((d: Record<string, unknown>) =>
      typeof d.id === 'string'
        ? [
            {
              uuid: d.id,
              memoryMiB: Number(d.devmem ?? 0),
              type: String(d.type ?? ''),
              healthy: d.health !== false,
              index: typeof d.index === 'number' ? d.index : undefined,
            },
          ]
        : [],
    );
  }
  return text
    .split(':')
    .filter((e) => e.trim() !== '')
    .map((e) => {
      const [uuid = '', , memory = '0', , type = '', , healthy = 'true'] = e.split(',');
      return { uuid, memoryMiB: Number(memory), type, healthy: healthy.trim() === 'true' };
    });
}
