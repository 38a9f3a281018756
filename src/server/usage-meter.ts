/**
 * From the control plane's records to metering's runs: who ran what, where, on how much, for how
 * long and at which price. Used when a task ends (its usage lands with its end, in one commit) and
 * for the "so far" usage of tasks still running.
 */
import type { ClusterState } from '../cluster/state.js';
import { deviceMilliOf } from '../metering/device.js';
import { meterRun, openUsage } from '../metering/meter.js';
import type { RunDimensions, UsageRecord } from '../metering/types.js';
import type { JobRecord, TaskRecord } from '../store/types.js';
import type { SiteConfig } from './config.js';

export interface UsageMeterDeps {
  cluster: ClusterState;
  site: (name: string) => SiteConfig | undefined;
}

function dimensions(deps: UsageMeterDeps, job: JobRecord, task: TaskRecord): RunDimensions | undefined {
  if (task.startedAt === null) return undefined; // never ran: nothing used
  const spec = task.spec;
  const node = deps.cluster.node(spec.node);
  const memoryOf = (index: number) => node?.devices.find((d) => d.info.index === index)?.info.memoryMiB ?? 0;
  const site = deps.site(task.site);
  return {
    taskId: task.id,
    jobId: job.id,
    jobName: job.name,
    tenant: job.tenant,
    queue: job.queue,
    user: job.submittedBy || 'unknown',
    site: task.site,
    provider: site?.provider ?? 'default',
    vendor: spec.vendor,
    model: spec.model,
    deviceMilli: deviceMilliOf(spec.devices, memoryOf),
    cpuMillis: Math.round(spec.cpuMillis),
    memoryMiB: Math.round(spec.memoryMiB),
    startedAt: task.startedAt,
    price: task.price ?? {
      currency: site?.currency ?? 'USD',
      kind: 'on-demand',
      perDeviceHourMicros: 0,
      perCpuHourMicros: 0,
      perMemoryGiBHourMicros: 0,
    },
  };
}

/** The usage of an ended task (none when it never started). */
export function endedTaskUsage(deps: UsageMeterDeps, job: JobRecord, task: TaskRecord): UsageRecord[] {
  const run = dimensions(deps, job, task);
  if (!run || task.finishedAt === null) return [];
  // A clock step backwards must not make a run end before it began.
  const endedAt = Date.parse(task.finishedAt) < Date.parse(run.startedAt) ? run.startedAt : task.finishedAt;
  return meterRun({ ...run, endedAt });
}

/** Usage so far of a running task, up to `now`. */
export function runningTaskUsage(deps: UsageMeterDeps, job: JobRecord, task: TaskRecord, now: number): UsageRecord[] {
  const run = dimensions(deps, job, task);
  if (!run || Date.parse(run.startedAt) > now) return [];
  return openUsage(run, now);
}
