/**
 * Trace pods as timed jobs for the time-based replay: when each arrives (creation_time) and how
 * long it runs once started (deletion_time − scheduled_time, or − creation_time for a pod the
 * trace never scheduled). A pod without a positive duration cannot be replayed in time and is
 * counted, not guessed. Pure.
 */
import type { PendingJob } from '../scheduler/framework.js';
import type { TracePod } from './trace.js';
import { podGpuMilli, traceJob } from './trace-cluster.js';

export interface TimedJob {
  job: PendingJob;
  /** Virtual seconds. */
  arrival: number;
  /** Seconds it holds its allocation once bound. */
  duration: number;
  gpuMilli: number;
}

export interface TimedJobs {
  /** In arrival order; equal arrivals keep list order. */
  jobs: TimedJob[];
  /** Pods with no creation time, no deletion time, or a run that does not last a positive time. */
  skipped: number;
}

/** Run duration in seconds, or undefined when the pod's times give none. */
export function runDuration(pod: TracePod): number | undefined {
  if (pod.creationTime === null || pod.deletionTime === null) return undefined;
  const start = pod.scheduledTime ?? pod.creationTime;
  const duration = pod.deletionTime - start;
  return duration > 0 ? duration : undefined;
}

/** `speedup` divides arrival times (not durations): the same jobs, arriving that many times faster. */
export function timedJobs(pods: readonly TracePod[], speedup = 1): TimedJobs {
  const jobs: TimedJob[] = [];
  const ids = new Set<string>();
  let skipped = 0;
  pods.forEach((pod, index) => {
    const duration = runDuration(pod);
    if (duration === undefined || pod.creationTime === null) {
      skipped++;
      return;
    }
    const id = ids.has(pod.name) ? `${pod.name}#${index}` : pod.name;
    ids.add(id);
    const arrival = pod.creationTime / speedup;
    jobs.push({ job: traceJob(pod, id, arrival * 1000), arrival, duration, gpuMilli: podGpuMilli(pod) });
  });
  // A stable sort: the list order stands among equal arrivals.
  jobs.sort((a, b) => a.arrival - b.arrival);
  return { jobs, skipped };
}
