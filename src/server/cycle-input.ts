/**
 * What a scheduling cycle is told about the control plane's jobs: the pending ones (with the
 * sites their earlier attempts lost, to avoid) and the running ones (with whether they are already
 * stopping, so preemption counts their capacity as coming back and never picks them again). Pure.
 */
import type { PendingJob, RunningJob } from '../scheduler/framework.js';
import type { JobRecord } from '../store/types.js';

export function pendingJobs(
  active: Iterable<JobRecord>,
  failedSites: ReadonlyMap<string, ReadonlySet<string>>,
): PendingJob[] {
  const pending: PendingJob[] = [];
  for (const job of active) {
    if (job.phase !== 'Pending') continue;
    const avoid = failedSites.get(job.id);
    pending.push({
      id: job.id,
      tenant: job.tenant,
      queue: job.queue,
      spec: job.spec,
      submittedAt: Date.parse(job.createdAt),
      ...(avoid && { avoidSites: [...avoid] }),
    });
  }
  return pending;
}

export function runningJobs(active: Iterable<JobRecord>, preempting: ReadonlyMap<string, string>): RunningJob[] {
  const running: RunningJob[] = [];
  for (const job of active) {
    if (job.phase !== 'Running' || !job.placement) continue;
    const { priority, runtime } = job.spec;
    running.push({
      id: job.id,
      queue: job.queue,
      priority,
      preemptible: runtime.preemptible,
      startedAt: Date.parse(job.startedAt ?? job.createdAt),
      ...(runtime.maxDurationSeconds !== undefined && { maxDurationSeconds: runtime.maxDurationSeconds }),
      ...((job.cancelRequested || preempting.has(job.id)) && { terminating: true }),
    });
  }
  return running;
}
