/**
 * The time-based replay: trace pods arrive at their creation time, run for their traced duration
 * once bound, and depart, freeing what they held. Every placement is decided by Junction's own
 * scheduling cycle (runCycle with a compiled profile, the code the control plane runs), over a
 * ClusterState that is allocated on bind and released on departure. Pure: virtual time only; the
 * wall clock is read only through an injected stopwatch.
 *
 * Semantics:
 * - Events at one time: departures first, then arrivals, then one cycle over every waiting job.
 *   So a departing job's capacity is available to a waiting job at exactly its departure time.
 * - With `cycleSeconds`, cycles run at multiples of it instead, releases and arrivals between two
 *   cycles taking effect at their own times; ticks where nothing arrived or departed are skipped,
 *   as a cycle there would repeat the previous one's verdicts.
 * - Victims of a preemption are released at once and go back to the queue with their original
 *   arrival; they run their whole duration again when next bound. The cycle is then rerun at the
 *   same time so the preemptor can take their place.
 * - Queueing delay is first bind − arrival; completion time is departure − arrival.
 * - Without a horizon the replay ends when nothing is left to happen: jobs still waiting then can
 *   never be placed. With one, events after it are not replayed.
 */
import { ClusterState } from '../cluster/state.js';
import { runCycle } from '../scheduler/cycle.js';
import type { PendingJob, Profile, RunningJob } from '../scheduler/framework.js';
import type { FragmentationDeps } from '../scheduler/plugins/fgd.js';
import { compileProfile, PROFILES, type ProfileConfig } from '../scheduler/profile.js';
import { gpuCapacityMilli, traceWorkloadMix } from './fgd-experiment.js';
import { TimeHeap } from './time-heap.js';
import { type TimedJob, timedJobs } from './time-jobs.js';
import { type Distribution, distribution, type Sample, Sampler } from './time-metrics.js';
import type { TraceNode, TracePod } from './trace.js';
import { traceNodeInfo } from './trace-cluster.js';

export interface TimeReplayOptions {
  nodes: readonly TraceNode[];
  pods: readonly TracePod[];
  /** A name in PROFILES, or a profile configuration. */
  profile: string | ProfileConfig;
  /** Run cycles on this period (virtual seconds) instead of at every batch of events. */
  cycleSeconds?: number;
  /** Virtual second after which nothing more is replayed. */
  horizon?: number;
  /**
   * Divides arrival times, durations kept: the same work offered that many times faster, to load
   * the cluster beyond what the trace's own timeline does. Default 1.
   */
  arrivalSpeedup?: number;
  /** Utilization sampling period in virtual seconds; default 3600. */
  sampleSeconds?: number;
  /** Milliseconds from any fixed origin (e.g. performance.now), to report the replay's own cost. */
  stopwatch?: () => number;
}

export interface JobOutcome {
  id: string;
  arrival: number;
  /** First bind, virtual seconds. */
  start?: number;
  /** Departure, when it happened by the end. */
  finish?: number;
  preemptions: number;
}

export interface TimeReplayResult {
  profile: string;
  pods: number;
  /** Pods with no usable run duration, left out. */
  skipped: number;
  /** Pods replayed (arrived by the end). */
  jobs: number;
  placed: number;
  completed: number;
  runningAtEnd: number;
  /** Arrived but never bound by the end. */
  neverPlaced: number;
  /** Waiting at the end: the never placed and preempted jobs not bound again. */
  waitingAtEnd: number;
  /** Arriving after the horizon. */
  notArrived: number;
  preemptions: number;
  cycles: number;
  /** One per job per cycle: a bind or a wait. */
  decisions: number;
  /** Virtual second the replay stopped at. */
  end: number;
  capacityGpuMilli: number;
  queueingDelay: Distribution;
  completionTime: Distribution;
  sampleSeconds: number;
  utilization: Sample[];
  /** Mean and highest of the sampled GPU fractions. */
  meanGpuFraction: number;
  peakGpuFraction: number;
  /** Present when a stopwatch was given. */
  wall?: { seconds: number; decisionsPerSecond: number };
  outcomes: JobOutcome[];
}

export class TimeReplayOptionError extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'TimeReplayOptionError';
  }
}

interface Departure {
  time: number;
  id: string;
  /** The bind it belongs to; a preempted job's earlier departures are stale. */
  bind: number;
}

interface Tracked {
  timed: TimedJob;
  outcome: JobOutcome;
  binds: number;
}

export function resolveProfile(profile: string | ProfileConfig, pods: readonly TracePod[]): Profile {
  const config = typeof profile === 'string' ? PROFILES[profile] : profile;
  if (!config) {
    throw new TimeReplayOptionError(
      'profile',
      `unknown profile "${profile}"; known: ${Object.keys(PROFILES).join(', ')}`,
    );
  }
  // Fragmentation scores measure against the expected workload; the trace's own mix is the best estimate.
  const deps: FragmentationDeps = { workload: traceWorkloadMix(pods) };
  return compileProfile(config, deps);
}

function positive(field: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
    throw new TimeReplayOptionError(field, `must be a number above 0, got ${value}`);
  }
}

export function replayInTime(options: TimeReplayOptions): TimeReplayResult {
  positive('cycleSeconds', options.cycleSeconds);
  positive('sampleSeconds', options.sampleSeconds);
  positive('arrivalSpeedup', options.arrivalSpeedup);
  if (options.horizon !== undefined && !(Number.isFinite(options.horizon) && options.horizon >= 0)) {
    throw new TimeReplayOptionError('horizon', `must be a number >= 0, got ${options.horizon}`);
  }
  const startedAt = options.stopwatch?.();
  const profile = resolveProfile(options.profile, options.pods);
  const horizon = options.horizon ?? Number.POSITIVE_INFINITY;
  const sampleSeconds = options.sampleSeconds ?? 3600;
  const cluster = new ClusterState(options.nodes.map(traceNodeInfo));
  const capacityGpuMilli = gpuCapacityMilli(options.nodes);
  const { jobs: arrivals, skipped } = timedJobs(options.pods, options.arrivalSpeedup);
  const tracked = new Map<string, Tracked>();
  const departures = new TimeHeap<Departure>();
  const running = new Map<string, RunningJob>();
  let pending: PendingJob[] = [];
  let allocated = 0;
  let cycles = 0;
  let decisions = 0;
  let preemptions = 0;
  let last = 0;
  const sampler = new Sampler(sampleSeconds, capacityGpuMilli, () => ({
    allocatedGpuMilli: allocated,
    running: running.size,
    waiting: pending.length,
  }));

  const release = (id: string) => {
    const t = tracked.get(id)!;
    cluster.release(id);
    running.delete(id);
    allocated -= t.timed.gpuMilli;
  };

  const cycle = (now: number) => {
    for (;;) {
      if (pending.length === 0) return;
      const result = runCycle(profile, cluster, pending, now * 1000, { running: [...running.values()] });
      cycles++;
      decisions += result.bound.length + result.waiting.length;
      const bound = new Set<string>();
      for (const binding of result.bound) {
        const t = tracked.get(binding.jobId)!;
        t.binds++;
        t.outcome.start ??= now;
        bound.add(binding.jobId);
        allocated += t.timed.gpuMilli;
        const { priority, runtime } = t.timed.job.spec;
        running.set(binding.jobId, {
          id: binding.jobId,
          queue: t.timed.job.queue,
          priority,
          preemptible: runtime.preemptible,
          startedAt: now * 1000,
          ...(runtime.maxDurationSeconds === undefined ? {} : { maxDurationSeconds: runtime.maxDurationSeconds }),
        });
        departures.push({ time: now + t.timed.duration, id: binding.jobId, bind: t.binds });
      }
      pending = pending.filter((job) => !bound.has(job.id));
      const victims = result.preempted.flatMap((p) => p.victims);
      if (victims.length === 0) return;
      for (const id of victims) {
        const t = tracked.get(id)!;
        release(id);
        t.outcome.preemptions++;
        preemptions++;
        pending.push(t.timed.job);
      }
    }
  };

  let next = 0;
  for (;;) {
    const arrival = arrivals[next]?.arrival ?? Number.POSITIVE_INFINITY;
    const event = Math.min(arrival, departures.peek()?.time ?? Number.POSITIVE_INFINITY);
    if (event === Number.POSITIVE_INFINITY || event > horizon) break;
    const tick = options.cycleSeconds ? Math.ceil(event / options.cycleSeconds) * options.cycleSeconds : event;
    const until = Math.min(tick, horizon);
    for (;;) {
      const a = arrivals[next];
      const d = departures.peek();
      const at = Math.min(a?.arrival ?? Number.POSITIVE_INFINITY, d?.time ?? Number.POSITIVE_INFINITY);
      if (at > until) break;
      sampler.advance(at);
      last = at;
      if (d && d.time === at) {
        departures.pop();
        const t = tracked.get(d.id)!;
        if (t.binds === d.bind && running.has(d.id)) {
          release(d.id);
          t.outcome.finish = at;
        }
      } else if (a) {
        next++;
        tracked.set(a.job.id, { timed: a, outcome: { id: a.job.id, arrival: a.arrival, preemptions: 0 }, binds: 0 });
        pending.push(a.job);
      }
    }
    if (tick > horizon) break;
    sampler.advance(tick);
    last = tick;
    cycle(tick);
  }
  const end = options.horizon ?? last;
  sampler.finish(end);

  const outcomes = [...tracked.values()].map((t) => t.outcome);
  const delays = outcomes.flatMap((o) => (o.start === undefined ? [] : [o.start - o.arrival]));
  const completions = outcomes.flatMap((o) => (o.finish === undefined ? [] : [o.finish - o.arrival]));
  const utilization = sampler.samples;
  const result: TimeReplayResult = {
    profile: profile.name,
    pods: options.pods.length,
    skipped,
    jobs: tracked.size,
    placed: delays.length,
    completed: completions.length,
    runningAtEnd: running.size,
    neverPlaced: outcomes.filter((o) => o.start === undefined).length,
    waitingAtEnd: pending.length,
    notArrived: arrivals.length - next,
    preemptions,
    cycles,
    decisions,
    end,
    capacityGpuMilli,
    queueingDelay: distribution(delays),
    completionTime: distribution(completions),
    sampleSeconds,
    utilization,
    meanGpuFraction: utilization.reduce((sum, s) => sum + s.gpuFraction, 0) / Math.max(1, utilization.length),
    peakGpuFraction: utilization.reduce((peak, s) => Math.max(peak, s.gpuFraction), 0),
    outcomes,
  };
  if (startedAt !== undefined && options.stopwatch) {
    const seconds = (options.stopwatch() - startedAt) / 1000;
    result.wall = { seconds, decisionsPerSecond: seconds > 0 ? decisions / seconds : Number.POSITIVE_INFINITY };
  }
  return result;
}
