/**
 * Failover: after a site refused, failed or lost a job, the best remaining feasible candidate of
 * its plan, re-timed from `now` (the wait, transfer and run start over) and held to the deadline.
 */
import { isoTime } from './format.js';
import type { Candidate, Plan } from './types.js';

export interface Failover {
  chosen?: Candidate;
  /** Set exactly when `chosen` is absent. */
  refusal?: string;
}

function retimed(c: Candidate, plan: Plan, now: number): Candidate {
  if (!c.prediction) return c;
  const shift = now - plan.now;
  return { ...c, prediction: { ...c.prediction, start: c.prediction.start + shift, end: c.prediction.end + shift } };
}

export function nextCandidate(plan: Plan, failedSites: readonly string[], now: number): Failover {
  const failed = new Set(failedSites);
  const remaining = plan.ranked.filter((c) => c.feasible && !failed.has(c.site)).map((c) => retimed(c, plan, now));
  if (remaining.length === 0) {
    const tried = [...failed].sort().join(', ');
    return { refusal: `no feasible site is left after ${tried || 'none'} failed` };
  }
  const inTime = remaining.filter(
    (c) => plan.deadline === undefined || (c.prediction?.end ?? Infinity) <= plan.deadline,
  );
  const next = inTime[0];
  if (next) {
    return { chosen: { ...next, reason: `failover after ${[...failed].sort().join(', ')}: ${next.reason}` } };
  }
  const earliest = [...remaining].sort((a, b) => (a.prediction?.end ?? Infinity) - (b.prediction?.end ?? Infinity))[0]!;
  return {
    refusal: `no remaining site can finish by ${isoTime(plan.deadline!)}: the earliest is ${earliest.site} at ${isoTime(earliest.prediction!.end)} (${earliest.model})`,
  };
}
