/** Every policy on the same inputs: Junction's and the baselines, in a fixed order. */
import { cheapestFirst, fastestDeviceFirst, heterogeneityAgnosticFifo, roundRobin } from './baselines.js';
import { type FederationPolicy, type SimOutcome, simulate } from './engine.js';
import type { SimCluster, SimJob, ThroughputMatrix } from './inputs.js';
import { junctionPolicy } from './junction-policy.js';
import { type FederationMetrics, metricsOf } from './metrics.js';

export const POLICY_NAMES = ['junction', 'cheapest-first', 'fastest-first', 'round-robin', 'fifo'] as const;

export function makePolicies(): FederationPolicy[] {
  return [junctionPolicy(), cheapestFirst(), fastestDeviceFirst(), roundRobin(), heterogeneityAgnosticFifo()];
}

export interface PolicyRun {
  outcome: SimOutcome;
  metrics: FederationMetrics;
  /** Junction only: jobs whose deadline no site could meet on arrival. */
  refusals?: number;
}

export function runFederation(cluster: SimCluster, matrix: ThroughputMatrix, jobs: readonly SimJob[]): PolicyRun[] {
  return makePolicies().map((policy) => {
    const outcome = simulate(cluster, matrix, jobs, policy);
    const run: PolicyRun = { outcome, metrics: metricsOf(outcome) };
    if ('refusals' in policy && typeof policy.refusals === 'function')
      run.refusals = (policy.refusals as () => number)();
    return run;
  });
}
