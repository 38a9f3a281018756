/** A job as it is first stored: Pending, queued, no attempt yet. */
import type { CompiledJobSpec } from '../spec/types.js';
import type { JobRecord } from '../store/types.js';

export function newJobRecord(
  id: string,
  spec: CompiledJobSpec,
  source: string,
  tenant: string,
  submittedBy: string,
  now: string,
): JobRecord {
  return {
    id,
    tenant,
    name: spec.name,
    queue: spec.queue,
    spec,
    source,
    phase: 'Pending',
    reason: 'Queued',
    message: 'waiting for the next scheduling cycle',
    attempt: 0,
    placement: null,
    exitCode: null,
    cancelRequested: false,
    createdAt: now,
    updatedAt: now,
    startedAt: null,
    finishedAt: null,
    submittedBy,
  };
}
