/**
 * Slurm's view of its nodes (`scontrol show node -o`) turned into Junction's NodeInfo. Pure: text in, data out.
 *
 * GRES of the vendors' gres name (`gpu`) become devices: the gres Type= is matched against each catalog model's
 * `slurm.gresType` (the vendor adapter's convention), then against the catalog's own names (`findModel`).
 * Slurm numbers GPUs across types in the node's Gres order (SLURM_JOB_GPUS=4,5 for the first two of a second
 * type); a device's index is its position among its vendor's devices on the node, as the vendor numbers them,
 * and `gpuIndex` keeps the mapping so a task's visible devices can be derived from Slurm's numbers.
 */

import { allModels, findModel } from '../../catalog/index.js';
import type { DeviceInfo, NodeInfo } from '../../cluster/types.js';
import { getVendor, vendors } from '../../vendors/registry.js';

export interface SlurmNodeRecord {
  name: string;
  cpus: number;
  realMemoryMiB: number;
  state: string;
  gres: GresEntry[];
  partitions: string[];
  arch: string;
  reason?: string;
}

export interface GresEntry {
  name: string;
  type: string | null;
  count: number;
}

/** A node as Junction sees it, with Slurm's global GPU index of each vendor device (vendor → local → global). */
export interface SlurmNodeView {
  info: NodeInfo;
  slurmName: string;
  gpuIndex: Map<string, Map<number, number>>;
}

/** Key=value fields of one `scontrol show ... -o` line; a value runs until the next ` Key=`. */
export function parseScontrolLine(line: string): Map<string, string> {
  const fields = new Map<string, string>();
  const pattern = /(?:^|\s)([A-Za-z][A-Za-z0-9_:/]*)=/g;
  const starts: { key: string; keyAt: number; valueAt: number }[] = [];
  for (const m of line.matchAll(pattern)) {
    const key = m[1] ?? '';
    const valueAt = (m.index ?? 0) + m[0].length;
    starts.push({ key, keyAt: valueAt - key.length - 1, valueAt });
  }
  starts.forEach((s, i) => {
    const end = starts[i + 1]?.keyAt ?? line.length;
    fields.set(s.key, line.slice(s.valueAt, end).trim());
  });
  return fields;
}

/** `gpu:h100:4(S:0-1),shard:h100:400,npu:2` → entries; `(null)` → none. */
export function parseGres(text: string): GresEntry[] {
  if (text === '' || text === '(null)' || text === 'N/A') return [];
  const entries: GresEntry[] = [];
  for (const part of text.split(/,(?![^(]*\))/)) {
    const bare = part.replace(/\(.*\)$/, '');
    const fields = bare.split(':');
    const count = Number(fields.at(-1));
    if (fields.length < 2 || !Number.isInteger(count)) continue;
    const name = fields[0] ?? '';
    entries.push({ name, type: fields.length > 2 ? fields.slice(1, -1).join(':') : null, count });
  }
  return entries;
}

export function parseNodeRecords(text: string): SlurmNodeRecord[] {
  const records: SlurmNodeRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('NodeName=')) continue;
    const f = parseScontrolLine(line);
    const reason = f.get('Reason');
    records.push({
      name: f.get('NodeName') ?? '',
      cpus: Number(f.get('CPUEfctv') ?? f.get('CPUTot') ?? 0) || 0,
      realMemoryMiB: Number(f.get('RealMemory') ?? 0) || 0,
      state: f.get('State') ?? 'UNKNOWN',
      gres: parseGres(f.get('Gres') ?? ''),
      partitions: (f.get('Partitions') ?? '').split(',').filter((p) => p !== ''),
      arch: f.get('Arch') ?? '',
      ...(reason ? { reason } : {}),
    });
  }
  return records;
}

const UNHEALTHY_BASE = new Set(['DOWN', 'FAIL', 'FAILING', 'INVAL', 'UNKNOWN', 'FUTURE', 'ERROR']);
const UNSCHEDULABLE_FLAGS = new Set([
  'DRAIN',
  'DRAINED',
  'DRAINING',
  'MAINT',
  'RESERVED',
  'REBOOT_REQUESTED',
  'REBOOT_ISSUED',
  'POWERED_DOWN',
  'POWERING_DOWN',
  'POWER_DOWN',
  'POWERING_UP',
  'NOT_RESPONDING',
]);

/** `IDLE`, `MIXED+DRAIN`, `DOWN*` (the star: not responding) → whether devices are healthy and work may be placed. */
export function nodeCondition(state: string): { healthy: boolean; schedulable: boolean } {
  const notResponding = state.includes('*');
  const [base = 'UNKNOWN', ...flags] = state.replaceAll('*', '').toUpperCase().split('+');
  const healthy = !notResponding && !UNHEALTHY_BASE.has(base) && !flags.some((f) => UNHEALTHY_BASE.has(f));
  const schedulable = healthy && !UNSCHEDULABLE_FLAGS.has(base) && !flags.some((f) => UNSCHEDULABLE_FLAGS.has(f));
  return { healthy, schedulable };
}

const GRES_NAMES = new Set(vendors.map((v) => v.slurm.gresName));

/** The catalog model a gres Type= names: the adapters' convention first, then the catalog's own names. */
export function modelForGresType(type: string): { vendor: string; model: string; memoryMiB: number } | undefined {
  for (const model of allModels()) {
    const adapter = getVendor(model.vendor);
    if (adapter?.slurm.gresType(model.id) === type.toLowerCase()) {
      return { vendor: model.vendor, model: model.id, memoryMiB: model.memoryMiB ?? 0 };
    }
  }
  const found = findModel(type);
  return found && { vendor: found.vendor, model: found.id, memoryMiB: found.memoryMiB ?? 0 };
}

export function nodeView(record: SlurmNodeRecord, site: string): SlurmNodeView {
  const { healthy, schedulable } = nodeCondition(record.state);
  const devices: DeviceInfo[] = [];
  const gpuIndex = new Map<string, Map<number, number>>();
  let global = 0;
  for (const entry of record.gres) {
    if (!GRES_NAMES.has(entry.name)) continue;
    const model = entry.type === null ? undefined : modelForGresType(entry.type);
    for (let i = 0; i < entry.count; i++, global++) {
      if (model === undefined) continue;
      const perVendor = gpuIndex.get(model.vendor) ?? new Map<number, number>();
      gpuIndex.set(model.vendor, perVendor);
      const index = perVendor.size;
      perVendor.set(index, global);
      devices.push({ index, vendor: model.vendor, model: model.model, memoryMiB: model.memoryMiB, healthy });
    }
  }
  const labels: Record<string, string> = {
    'junction.io/slurm-node': record.name,
    'junction.io/slurm-state': record.state,
  };
  if (record.arch) labels['junction.io/arch'] = record.arch;
  if (record.partitions.length > 0) labels['junction.io/slurm-partitions'] = record.partitions.join(',');
  return {
    slurmName: record.name,
    gpuIndex,
    info: {
      name: `${site}/${record.name}`,
      site,
      domains: [site],
      cpuMillis: record.cpus * 1000,
      memoryMiB: record.realMemoryMiB,
      devices,
      labels,
      schedulable,
    },
  };
}
