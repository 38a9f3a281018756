/**
 * From a scheduling decision to what the backends are given: the placement enriched with the
 * adaptation center's runtime (stack, image, verdict, evidence), and the task record of each
 * replica with its command, environment and devices. Pure.
 */
import type { TaskSpec } from '../backends/types.js';
import type { BackendKind, ReplicaPlacement } from '../cluster/types.js';
import type { CompatOracle } from '../scheduler/framework.js';
import type { JobRecord, TaskRecord } from '../store/types.js';

/** Adds the adaptation center's runtime for the placement's device model. */
export function withRuntime(job: JobRecord, p: ReplicaPlacement, compat: CompatOracle | undefined): ReplicaPlacement {
  if (!p.model || !compat) return p;
  const option = compat.options(job.spec).allowed.get(p.model);
  if (!option) return p;
  return {
    ...p,
    runtime: {
      stack: option.stack,
      stackVersion: option.stackVersion,
      ...(option.image !== undefined && { image: option.image }),
      verdict: option.status,
      evidence: option.evidence,
    },
  };
}

/** The task of one replica of the job's current attempt, not yet handed to its backend. */
export function newTask(
  job: JobRecord,
  p: ReplicaPlacement,
  backend: BackendKind,
  now: string,
  compat: CompatOracle | undefined,
): TaskRecord {
  const id = `${job.id}-r${p.replica}-a${job.attempt}`;
  const runtimeEnv = p.model && compat ? (compat.options(job.spec).allowed.get(p.model)?.env ?? {}) : {};
  const spec: TaskSpec = {
    taskId: id,
    jobId: job.id,
    replica: p.replica,
    replicas: job.spec.resources.replicas,
    attempt: job.attempt,
    site: p.site,
    node: p.node,
    command: job.spec.workload.command,
    // The user's env wins over the runtime's defaults; the backend adds the device variables last.
    env: { ...runtimeEnv, ...job.spec.workload.env },
    workingDir: job.spec.workload.workingDir,
    ...(p.runtime?.image !== undefined && { image: p.runtime.image }),
    vendor: p.vendor,
    model: p.model,
    devices: p.devices,
    cpuMillis: p.cpuMillis,
    memoryMiB: p.memoryMiB,
    gracePeriodSeconds: job.spec.runtime.gracePeriodSeconds,
    maxDurationSeconds: job.spec.runtime.maxDurationSeconds,
  };
  return {
    id,
    jobId: job.id,
    replica: p.replica,
    attempt: job.attempt,
    site: p.site,
    backend,
    node: p.node,
    state: 'pending',
    handle: null,
    exitCode: null,
    message: null,
    spec,
    createdAt: now,
    startedAt: null,
    finishedAt: null,
  };
}
