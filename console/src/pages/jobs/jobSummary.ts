/** One-line facts about a job for lists and headers. */
import { cpu, mib } from '../../lib/format';
import type { CompiledJobSpec, JobView } from '../../types';

export function whereText(job: JobView): string {
  const placement = job.status.placement ?? [];
  if (placement.length === 0) return '—';
  const nodes = [...new Set(placement.map((p) => p.node))];
  return nodes.length > 2 ? `${nodes.slice(0, 2).join(', ')} +${nodes.length - 2}` : nodes.join(', ');
}

export function deviceText(job: JobView): string {
  const placed = job.status.placement?.find((p) => p.model);
  if (placed) return `${placed.vendor}/${placed.model}`;
  if (job.status.placement?.length) return 'cpu';
  return requestText(job);
}

export function requestText(job: JobView): string {
  return specRequestText(job.spec);
}

/** What a compiled spec asks for, in one line: `2 replicas × 8× huawei`. */
export function specRequestText(spec: CompiledJobSpec): string {
  const r = spec.resources;
  const a = r.perReplica.accelerators;
  const per =
    a.kind === 'none'
      ? `${cpu(r.perReplica.cpuMillis)} cpu, ${mib(r.perReplica.memoryMiB)}`
      : a.kind === 'share'
        ? `share ${a.share ? `${mib(a.share.memoryMiB)} / ${a.share.computePercent}%` : ''} of 1 ${vendorsText(a.vendors)}`
        : `${a.count}× ${vendorsText(a.vendors)}`;
  return r.replicas > 1 ? `${r.replicas} replicas × ${per}` : per;
}

function vendorsText(vendors: string[]): string {
  return vendors.length === 0 ? 'any vendor' : vendors.join('|');
}

export function isTerminal(phase: string): boolean {
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Cancelled';
}
