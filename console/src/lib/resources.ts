/** Quota and limit maps as people type them: `nvidia=8, hygon-dcu-k100_ai=4`. */
import type { ResourceAmounts } from '../types';

export function devicesText(devices: Record<string, number> | undefined): string {
  return Object.entries(devices ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

export function parseDevices(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of text.split(/[,\n]/)) {
    const item = part.trim();
    if (!item) continue;
    const m = /^([A-Za-z0-9_.\-/]+)\s*[=:]\s*(\d+(?:\.\d+)?)$/.exec(item);
    if (!m) throw new Error(`"${item}" is not vendorOrModel=count (e.g. nvidia=8)`);
    out[m[1]!] = Number(m[2]);
  }
  return out;
}

export function resourcesText(r: ResourceAmounts | undefined): string {
  if (!r) return '—';
  const parts = [devicesText(r.devices)];
  if (r.cpuMillis !== undefined) parts.push(`cpu ${r.cpuMillis / 1000}`);
  if (r.memoryMiB !== undefined)
    parts.push(`mem ${r.memoryMiB >= 1024 ? `${+(r.memoryMiB / 1024).toFixed(1)}Gi` : `${r.memoryMiB}Mi`}`);
  return parts.filter(Boolean).join(' · ') || '—';
}

export interface ResourcesDraft {
  devices: string;
  cpu: string;
  memoryGiB: string;
}

export function draftOf(r: ResourceAmounts | undefined): ResourcesDraft {
  return {
    devices: devicesText(r?.devices),
    cpu: r?.cpuMillis !== undefined ? String(r.cpuMillis / 1000) : '',
    memoryGiB: r?.memoryMiB !== undefined ? String(+(r.memoryMiB / 1024).toFixed(3)) : '',
  };
}

export function resourcesOf(d: ResourcesDraft): ResourceAmounts {
  const out: ResourceAmounts = {};
  const devices = parseDevices(d.devices);
  if (Object.keys(devices).length > 0) out.devices = devices;
  if (d.cpu.trim() !== '') {
    const cores = Number(d.cpu);
    if (!Number.isFinite(cores) || cores < 0) throw new Error(`CPU "${d.cpu}" is not a number of cores`);
    out.cpuMillis = Math.round(cores * 1000);
  }
  if (d.memoryGiB.trim() !== '') {
    const gib = Number(d.memoryGiB);
    if (!Number.isFinite(gib) || gib < 0) throw new Error(`memory "${d.memoryGiB}" is not a number of GiB`);
    out.memoryMiB = Math.round(gib * 1024);
  }
  return out;
}
