/**
 * The expected workload for fragmentation-aware scoring, estimated from the jobs a scheduler has
 * seen: every replica's request, mixed the way frag-pack expects (FRAG_PACK_MIX: every distinct
 * request, weighted by count). With no accelerator work at all there is nothing to fragment, and the
 * caller keeps its default mix.
 */
import type { CompiledJobSpec, ReplicaResources } from '../spec/types.js';
import { FRAG_PACK_MIX } from './plugins/frag-pack.js';
import { estimateWorkloadMix, type WorkloadMix } from './plugins/fragmentation.js';

export function workloadMixOf(specs: Iterable<CompiledJobSpec>): WorkloadMix | undefined {
  const requests: ReplicaResources[] = [];
  for (const spec of specs) for (let i = 0; i < spec.resources.replicas; i++) requests.push(spec.resources.perReplica);
  if (!requests.some((r) => r.accelerators.kind !== 'none')) return undefined;
  return estimateWorkloadMix(requests, FRAG_PACK_MIX);
}
