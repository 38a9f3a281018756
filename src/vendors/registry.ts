/**
 * The one list of vendor adapters. Every place that needs "all vendors" or a vendor by name reads it here.
 *
 * `vendors` and `vendorIds()` list accelerator vendors only: they are what a job spec's `vendors:` may name and what
 * the catalog has models for. The CPU adapter is kept apart (`cpu`, `allAdapters`) so `cpu` never becomes a valid
 * accelerator vendor in a spec; `getVendor('cpu')` still finds it, for code that looks an adapter up by a task's
 * stack or a node without devices.
 */
import { amd } from './amd.js';
import { biren } from './biren.js';
import { cambricon } from './cambricon.js';
import { cpu } from './cpu.js';
import { enflame } from './enflame.js';
import { huawei } from './huawei.js';
import { hygon } from './hygon.js';
import { iluvatar } from './iluvatar.js';
import { intel } from './intel.js';
import { kunlunxin } from './kunlunxin.js';
import { metax } from './metax.js';
import { mthreads } from './mthreads.js';
import { nvidia } from './nvidia.js';
import type { VendorAdapter } from './types.js';

export const vendors: readonly VendorAdapter[] = [
  nvidia,
  amd,
  hygon,
  huawei,
  cambricon,
  kunlunxin,
  metax,
  mthreads,
  iluvatar,
  enflame,
  intel,
  biren,
];

export { cpu };

/** Every adapter, the accelerator vendors and then CPU. */
export const allAdapters: readonly VendorAdapter[] = [...vendors, cpu];

const byId = new Map(allAdapters.map((v) => [v.id, v]));

const byName = new Map<string, string>();
for (const v of vendors) {
  byName.set(normalize(v.id), v.id);
  byName.set(normalize(v.displayName), v.id);
  for (const alias of v.aliases) byName.set(normalize(alias), v.id);
}

function normalize(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}

/** The adapter for a canonical vendor id (exact, as stored in specs, devices and the catalog), or `cpu`. */
export function getVendor(id: string): VendorAdapter | undefined {
  return byId.get(id);
}

/** The canonical accelerator vendor id for what a user may write: the id, the display name or an alias, in any case. */
export function resolveVendorName(name: string): string | undefined {
  return byName.get(normalize(name));
}

/** Accelerator vendor ids; `cpu` is not among them. */
export function vendorIds(): string[] {
  return vendors.map((v) => v.id);
}
