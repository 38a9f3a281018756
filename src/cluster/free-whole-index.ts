/**
 * Free whole devices (devices nobody holds any part of), counted per device kind (vendor/model)
 * across the cluster and inside every topology domain, in all and per vendor. Updated by the
 * cluster state whenever a device becomes free or taken; every count is one array read. Kinds and
 * vendors are numbered as they first appear, so the counters are arrays, not maps.
 */
import { deviceKey } from './node-state.js';
import { smallId } from './small-ids.js';
import type { NodeInfo } from './types.js';

interface DomainFree {
  total: number;
  /** By kind id. */
  byKind: number[];
  /** By vendor id. */
  byVendor: number[];
}

export class FreeWholeIndex {
  private readonly kindIds = new Map<string, number>();
  private readonly vendorIds = new Map<string, number>();
  /** By kind id, across the cluster. */
  private readonly byKind: number[] = [];
  private readonly domains = new Map<string, DomainFree>();
  /** By node ordinal: per device, its kind id and vendor id, and the node's domains' counters. */
  private readonly nodes: { kinds: number[]; vendors: number[]; domains: DomainFree[] }[] = [];

  /** Registers a node's devices and domains (before any adjust for it); replaces what its ordinal had. */
  addNode(ordinal: number, info: NodeInfo): void {
    const entry = {
      kinds: info.devices.map((d) => smallId(this.kindIds, deviceKey(d.vendor, d.model))),
      vendors: info.devices.map((d) => smallId(this.vendorIds, d.vendor)),
      domains: info.domains.map((domain) => {
        let free = this.domains.get(domain);
        if (!free) {
          free = { total: 0, byKind: [], byVendor: [] };
          this.domains.set(domain, free);
        }
        return free;
      }),
    };
    while (this.nodes.length < ordinal) this.nodes.push({ kinds: [], vendors: [], domains: [] });
    this.nodes[ordinal] = entry;
  }

  /** Device `device` of the node with this ordinal became free (+1) or taken (-1). */
  adjust(ordinal: number, device: number, delta: number): void {
    const node = this.nodes[ordinal]!;
    const kind = node.kinds[device]!;
    const vendor = node.vendors[device]!;
    add(this.byKind, kind, delta);
    const domains = node.domains;
    for (let i = 0; i < domains.length; i++) {
      const free = domains[i]!;
      free.total += delta;
      add(free.byKind, kind, delta);
      add(free.byVendor, vendor, delta);
    }
  }

  /** Free whole devices of one kind, in the cluster or inside `domain`. */
  freeWhole(vendor: string, model: string, domain?: string): number {
    const kind = this.kindIds.get(deviceKey(vendor, model));
    if (kind === undefined) return 0;
    const counts = domain === undefined ? this.byKind : this.domains.get(domain)?.byKind;
    return counts?.[kind] ?? 0;
  }

  /** Free whole devices inside a domain, of the given vendors (all when empty); undefined for an unknown domain. */
  inDomain(domain: string, vendors: readonly string[]): number | undefined {
    const free = this.domains.get(domain);
    if (!free) return undefined;
    if (vendors.length === 0) return free.total;
    let sum = 0;
    for (let i = 0; i < vendors.length; i++) {
      if (vendors.indexOf(vendors[i]!) !== i) continue;
      const id = this.vendorIds.get(vendors[i]!);
      if (id !== undefined) sum += free.byVendor[id] ?? 0;
    }
    return sum;
  }
}

function add(counts: number[], id: number, delta: number): void {
  while (counts.length <= id) counts.push(0);
  counts[id]! += delta;
}
