/**
 * A node's state signature: everything about a node that a placement decision can depend on,
 * as one string, so nodes in the same free state fall into one class (state-classes.ts).
 */
import type { NodeState } from './node-state.js';
import type { DeviceInfo, NodeInfo } from './types.js';

/**
 * Everything about a node that a placement decision can depend on, except its name and domains
 * (topology scopes restrict class members separately). Device order does not matter: two nodes
 * whose devices differ only in numbering are interchangeable.
 */
export function stateSignature(node: NodeState): string {
  const fixed = fixedParts(node.info);
  const devices = node.devices;
  const codes = scratchCodes;
  codes.length = devices.length;
  let numeric = true;
  for (let i = 0; i < devices.length; i++) {
    const d = devices[i]!;
    const free = d.freeMemoryMiB;
    const compute = d.freeComputePercent;
    if (!(free >= 0 && free < MEMORY_CODES && compute >= 0 && compute <= 100) || free % 1 !== 0 || compute % 1 !== 0) {
      numeric = false;
      break;
    }
    codes[i] = ((fixed.deviceTypes[i]! * MEMORY_CODES + free) * 128 + compute) * 2 + (d.holders.size > 0 ? 1 : 0);
  }
  let list: string;
  if (numeric) {
    // Insertion sort (a node has a handful of devices), then run-length: "code*count".
    for (let i = 1; i < codes.length; i++) {
      const v = codes[i]!;
      let j = i - 1;
      while (j >= 0 && codes[j]! > v) {
        codes[j + 1] = codes[j]!;
        j--;
      }
      codes[j + 1] = v;
    }
    list = '';
    for (let i = 0; i < codes.length; ) {
      let j = i + 1;
      while (j < codes.length && codes[j] === codes[i]) j++;
      list += `${i === 0 ? '' : ','}${codes[i]!.toString(36)}*${j - i}`;
      i = j;
    }
  } else {
    const parts = devices.map(
      (d, i) => `${fixed.deviceTypes[i]}/${d.freeMemoryMiB}/${d.freeComputePercent}/${d.holders.size > 0 ? 1 : 0}`,
    );
    list = `~${parts.sort().join(',')}`;
  }
  return `${fixed.prefix}|${node.freeCpuMillis}|${node.freeMemoryMiB}|${list}`;
}

/** Device free memory codes: up to 2 TiB per device; each device type is a number below 2^20. */
const MEMORY_CODES = 1 << 21;
const scratchCodes: number[] = [];

/** Device types (vendor, model, memory, health) as small numbers, shared by every ClusterState. */
const deviceTypeIds = new Map<string, number>();
function deviceType(d: DeviceInfo): number {
  const key = `${d.vendor}/${d.model}/${d.memoryMiB}/${d.healthy ? 1 : 0}`;
  let id = deviceTypeIds.get(key);
  if (id === undefined) {
    id = deviceTypeIds.size;
    deviceTypeIds.set(key, id);
  }
  return id;
}

/** The parts of a node's signature that never change while its NodeInfo stays the same. */
interface FixedParts {
  /** Site, schedulable and labels. */
  prefix: string;
  /** Per device, in index order: its type (deviceType). */
  deviceTypes: number[];
}
const fixed = new WeakMap<NodeInfo, FixedParts>();
export function fixedParts(info: NodeInfo): FixedParts {
  let f = fixed.get(info);
  if (!f) {
    const labels = Object.entries(info.labels)
      .map(([k, v]) => `${k}=${v}`)
      .sort()
      .join(',');
    f = {
      prefix: `${info.site}|${info.schedulable ? 1 : 0}|${labels}`,
      deviceTypes: info.devices.map(deviceType),
    };
    fixed.set(info, f);
  }
  return f;
}
