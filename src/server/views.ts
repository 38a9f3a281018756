/** Store records → the API's wire views. */
import type { ClusterState } from '../cluster/state.js';
import type { JobRecord, TaskRecord } from '../store/types.js';
import type { JobView, NodeView, TaskView } from './api-types.js';

export function taskView(t: TaskRecord): TaskView {
  return {
    id: t.id,
    replica: t.replica,
    attempt: t.attempt,
    site: t.site,
    node: t.node,
    state: t.state,
    exitCode: t.exitCode,
    message: t.message,
    startedAt: t.startedAt,
    finishedAt: t.finishedAt,
  };
}

export function jobView(job: JobRecord, tasks: readonly TaskRecord[]): JobView {
  return {
    id: job.id,
    metadata: {
      name: job.name,
      labels: job.spec.labels,
      tenant: job.tenant,
      queue: job.queue,
      user: job.submittedBy ?? '',
      createdAt: job.createdAt,
    },
    spec: job.spec,
    status: {
      phase: job.phase,
      reason: job.reason,
      message: job.message,
      attempt: job.attempt,
      exitCode: job.exitCode,
      startedAt: job.startedAt,
      finishedAt: job.finishedAt,
      placement: job.placement,
      tasks: tasks.map(taskView).sort((a, b) => a.attempt - b.attempt || a.replica - b.replica),
    },
  };
}

export function nodeViews(cluster: ClusterState): NodeView[] {
  const out: NodeView[] = [];
  for (const node of cluster.nodes()) {
    out.push({
      name: node.info.name,
      site: node.info.site,
      domains: node.info.domains,
      cpuMillis: node.info.cpuMillis,
      memoryMiB: node.info.memoryMiB,
      allocatedCpuMillis: node.info.cpuMillis - node.freeCpuMillis,
      allocatedMemoryMiB: node.info.memoryMiB - node.freeMemoryMiB,
      schedulable: node.info.schedulable,
      labels: node.info.labels,
      devices: node.devices.map((d) => ({
        ...d.info,
        allocatedMemoryMiB: d.info.memoryMiB - d.freeMemoryMiB,
        allocatedComputePercent: 100 - d.freeComputePercent,
        jobs: [...d.holders.keys()],
      })),
    });
  }
  return out;
}
