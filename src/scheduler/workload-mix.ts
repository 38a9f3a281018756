/**
 * The expected workload for fragmentation-aware scoring, estimated from the jobs a scheduler has
 * seen: each distinct per-replica request becomes a typical request, weighted by how many replicas
 * asked for it. Only accelerator requests count (CPU-only work does not fragment devices); with none,
 * the caller keeps its default. Rare requests are dropped (below `minWeight` of the total) so that a
 * handful of odd jobs do not cost every placement a scoring term.
 */
import type { CompiledJobSpec } from '../spec/types.js';
import type { TypicalRequest, WorkloadMix } from './plugins/fragmentation.js';

export interface MixOptions {
  /** Requests with a smaller share than this of all replicas are left out. Default 0.005. */
  minWeight?: number;
  /** At most this many distinct requests, the most frequent first. Default 64. */
  maxRequests?: number;
}

export function workloadMixOf(specs: Iterable<CompiledJobSpec>, options: MixOptions = {}): WorkloadMix | undefined {
  const counts = new Map<string, { request: Omit<TypicalRequest, 'weight'>; replicas: number }>();
  let total = 0;
  for (const spec of specs) {
    const { replicas, perReplica } = spec.resources;
    const acc = perReplica.accelerators;
    if (acc.kind === 'none') continue;
    const request: Omit<TypicalRequest, 'weight'> = {
      cpuMillis: perReplica.cpuMillis,
      kind: acc.kind,
      count: acc.kind === 'whole' ? acc.count : 1,
      shareMemoryMiB: acc.share?.memoryMiB ?? 0,
      shareComputePercent: acc.share?.computePercent ?? 0,
      models: [...acc.models].sort(),
    };
    const key = JSON.stringify(request);
    const seen = counts.get(key) ?? { request, replicas: 0 };
    seen.replicas += replicas;
    counts.set(key, seen);
    total += replicas;
  }
  if (total === 0) return undefined;
  const minWeight = options.minWeight ?? 0.005;
  const kept = [...counts.entries()]
    .filter(([, c]) => c.replicas / total >= minWeight)
    // Most frequent first; the key breaks ties so the mix does not depend on arrival order.
    .sort(([ka, a], [kb, b]) => b.replicas - a.replicas || (ka < kb ? -1 : ka > kb ? 1 : 0))
    .slice(0, options.maxRequests ?? 64);
  const keptTotal = kept.reduce((sum, [, c]) => sum + c.replicas, 0);
  return { requests: kept.map(([, c]) => ({ ...c.request, weight: c.replicas / keptTotal })) };
}
