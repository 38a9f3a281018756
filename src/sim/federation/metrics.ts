/** What a federated run comes to: completion times, makespan, cost, deadline misses, utilization. */
import { mean } from '../stats.js';
import type { SimOutcome } from './engine.js';

export interface FederationMetrics {
  policy: string;
  jobs: number;
  /** Jobs that never ran (no pool could run them under the policy). */
  unplaced: number;
  /** Seconds from arrival to end, over jobs that ran. */
  avgJct: number;
  p95Jct: number;
  /** Seconds from the first arrival to the last end. */
  makespan: number;
  totalCost: number;
  /** Jobs with a deadline that ended after it or never ran. */
  deadlineMisses: number;
  deadlineJobs: number;
  /** Site → busy device-seconds ÷ (devices × makespan), in [0, 1]. */
  utilization: Record<string, number>;
}

/** The nearest-rank percentile (p in 0..100) of unsorted values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function metricsOf(outcome: SimOutcome): FederationMetrics {
  const ran = outcome.records.filter((r) => r.end !== undefined);
  const jct = ran.map((r) => r.end! - r.arrival);
  const first = Math.min(...outcome.records.map((r) => r.arrival));
  const makespan = ran.length > 0 ? Math.max(...ran.map((r) => r.end!)) - first : 0;
  const withDeadline = outcome.records.filter((r) => r.deadline !== undefined);
  const busyBySite = new Map<string, { busy: number; devices: number }>();
  for (const pool of outcome.pools) {
    const entry = busyBySite.get(pool.site) ?? { busy: 0, devices: 0 };
    entry.busy += outcome.busy[pool.index]!;
    entry.devices += pool.total;
    busyBySite.set(pool.site, entry);
  }
  const utilization: Record<string, number> = {};
  for (const [site, { busy, devices }] of busyBySite)
    utilization[site] = makespan > 0 ? busy / (devices * makespan) : 0;
  return {
    policy: outcome.policy,
    jobs: outcome.records.length,
    unplaced: outcome.records.length - ran.length,
    avgJct: mean(jct),
    p95Jct: percentile(jct, 95),
    makespan,
    totalCost: outcome.records.reduce((sum, r) => sum + r.cost, 0),
    deadlineMisses: withDeadline.filter((r) => r.end === undefined || r.end > r.deadline!).length,
    deadlineJobs: withDeadline.length,
    utilization,
  };
}
