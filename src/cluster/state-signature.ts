/**
 * A node's state: everything about a node that a placement decision can depend on, as numbers
 * (stateKey, hashed and compared on every allocate and release) and as readable text
 * (stateSignature), so nodes in the same free state fall into one class (state-classes.ts).
 */
import type { NodeState } from './node-state.js';
import { smallId } from './small-ids.js';
import type { DeviceInfo, NodeInfo } from './types.js';

/**
 * Everything about a node that a placement decision can depend on, except its name and domains
 * (topology scopes restrict class members separately). Device order does not matter: two nodes
 * whose devices differ only in numbering are interchangeable. The readable form of stateKey: two
 * nodes have the same signature exactly when they have equal keys.
 */
export function stateSignature(node: NodeState): string {
  const fixed = fixedParts(node.info);
  const codes = deviceCodes(node, [], 0);
  let list: string;
  if (codes) {
    // Run-length: "code*count".
    list = '';
    for (let i = 0; i < codes.length; ) {
      let j = i + 1;
      while (j < codes.length && codes[j] === codes[i]) j++;
      list += `${i === 0 ? '' : ','}${codes[i]!.toString(36)}*${j - i}`;
      i = j;
    }
  } else {
    const parts = node.devices.map(
      (d, i) => `${fixed.deviceTypes[i]}/${d.freeMemoryMiB}/${d.freeComputePercent}/${d.holders.size > 0 ? 1 : 0}`,
    );
    list = `~${parts.sort().join(',')}`;
  }
  return `${fixed.prefix}|${node.freeCpuMillis}|${node.freeMemoryMiB}|${list}`;
}

/**
 * The node's state as numbers, written into `out` (which is returned): the id of its fixed parts
 * (site, schedulable, labels), free CPU, free memory, then its device codes sorted. Built on every
 * allocate and release, so no string is built or hashed: equal keys mean equal signatures. A
 * state whose numbers do not fit the codes (fractional or huge free memory) is keyed by the id of
 * its signature instead.
 */
export function stateKey(node: NodeState, out: number[]): number[] {
  if (!deviceCodes(node, out, 3)) {
    out.length = 2;
    out[0] = -1;
    out[1] = oddStateId(stateSignature(node));
    return out;
  }
  out[0] = fixedParts(node.info).prefixId;
  out[1] = node.freeCpuMillis;
  out[2] = node.freeMemoryMiB;
  return out;
}

/** A hash of a state key (equal keys hash equal). */
export function keyHash(key: readonly number[]): number {
  let h = key.length;
  for (let i = 0; i < key.length; i++) {
    const v = key[i]!;
    h = Math.imul(h ^ (v | 0), 0x9e3779b1) ^ (h >>> 15);
    h = Math.imul(h ^ ((v / 4294967296) | 0), 0x85ebca6b) ^ (h >>> 13);
  }
  return h;
}

export function sameKey(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Each device's type, free memory, free compute and whether anyone holds it, as one number per
 * device, sorted, in `out` from `offset` on (`out` ends there); undefined when a device's numbers
 * do not fit the code.
 */
function deviceCodes(node: NodeState, out: number[], offset: number): number[] | undefined {
  const types = fixedParts(node.info).deviceTypes;
  const devices = node.devices;
  out.length = offset + devices.length;
  for (let i = 0; i < devices.length; i++) {
    const d = devices[i]!;
    const free = d.freeMemoryMiB;
    const compute = d.freeComputePercent;
    if (!(free >= 0 && free < MEMORY_CODES && compute >= 0 && compute <= 100) || free % 1 !== 0 || compute % 1 !== 0) {
      return undefined;
    }
    out[offset + i] = ((types[i]! * MEMORY_CODES + free) * 128 + compute) * 2 + (d.holders.size > 0 ? 1 : 0);
  }
  // Insertion sort: a node has a handful of devices.
  for (let i = offset + 1; i < out.length; i++) {
    const v = out[i]!;
    let j = i - 1;
    while (j >= offset && out[j]! > v) {
      out[j + 1] = out[j]!;
      j--;
    }
    out[j + 1] = v;
  }
  return out;
}

/** Device free memory codes: up to 2 TiB per device; each device type is a number below 2^20. */
const MEMORY_CODES = 1 << 21;

/** Small numbers for strings, shared by every ClusterState: device types (vendor, model, memory, health) and fixed parts. */
const deviceTypeIds = new Map<string, number>();
const prefixIds = new Map<string, number>();

/**
 * Ids for the signatures of states that do not fit the numeric key. Bounded memory: the table is
 * forgotten when it grows large, and ids are never given twice, so a state seen again may get a
 * second id (a second class for the same state: harmless) but two states never share one.
 */
const oddStates = new Map<string, number>();
let nextOddState = 0;
function oddStateId(signature: string): number {
  let id = oddStates.get(signature);
  if (id === undefined) {
    if (oddStates.size >= 1 << 16) oddStates.clear();
    id = nextOddState++;
    oddStates.set(signature, id);
  }
  return id;
}
function deviceType(d: DeviceInfo): number {
  return smallId(deviceTypeIds, `${d.vendor}/${d.model}/${d.memoryMiB}/${d.healthy ? 1 : 0}`);
}

/** The parts of a node's signature that never change while its NodeInfo stays the same. */
interface FixedParts {
  /** Site, schedulable and labels, and their id. */
  prefix: string;
  prefixId: number;
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
    const prefix = `${info.site}|${info.schedulable ? 1 : 0}|${labels}`;
    f = {
      prefix,
      prefixId: smallId(prefixIds, prefix),
      deviceTypes: info.devices.map(deviceType),
    };
    fixed.set(info, f);
  }
  return f;
}
