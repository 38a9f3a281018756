/**
 * Federated site selection: Junction's policy against cheapest-first, fastest-device-first,
 * round-robin and heterogeneity-agnostic FIFO on the seeded five-site, 5,000-job workload.
 * Reports cost, average and p95 completion time and deadline misses per policy, and whether
 * Junction has the fewest misses and is not beaten on both cost and average JCT by any baseline.
 */
import { DEFAULT_WORKLOAD, generatedCluster, generatedJobs, generatedMatrix } from '../src/sim/federation/generate.js';
import { runFederation } from '../src/sim/federation/run.js';

function round(x: number, digits = 2): number {
  return Number(x.toFixed(digits));
}

export function federationBenchmark(): Record<string, unknown> {
  const started = performance.now();
  const cluster = generatedCluster();
  const matrix = generatedMatrix();
  const jobs = generatedJobs(cluster, matrix, DEFAULT_WORKLOAD);
  const runs = runFederation(cluster, matrix, jobs);
  const table = runs.map(({ metrics: m, refusals }) => ({
    policy: m.policy,
    cost: round(m.totalCost, 0),
    avgJctHours: round(m.avgJct / 3600),
    p95JctHours: round(m.p95Jct / 3600),
    makespanHours: round(m.makespan / 3600),
    deadlineMisses: m.deadlineMisses,
    unplaced: m.unplaced,
    ...(refusals === undefined ? {} : { refusals }),
    utilization: Object.fromEntries(Object.entries(m.utilization).map(([s, u]) => [s, round(u, 3)])),
  }));
  const junction = table.find((r) => r.policy === 'junction')!;
  const baselines = table.filter((r) => r.policy !== 'junction');
  const fewestMisses = baselines.every((b) => junction.deadlineMisses < b.deadlineMisses);
  const dominatedBy = baselines
    .filter((b) => b.cost < junction.cost && b.avgJctHours < junction.avgJctHours)
    .map((b) => b.policy);
  for (const r of table) {
    console.log(
      `${r.policy.padEnd(15)} cost ${r.cost}  avg JCT ${r.avgJctHours} h  p95 ${r.p95JctHours} h  misses ${r.deadlineMisses}`,
    );
  }
  return {
    workload: {
      ...DEFAULT_WORKLOAD,
      sites: cluster.sites.length,
      deadlineJobs: jobs.filter((j) => j.deadline !== undefined).length,
    },
    cluster: cluster.sites.map((s) => ({ site: s.name, region: s.region, pools: s.pools })),
    policies: table,
    target: {
      fewestDeadlineMisses: fewestMisses,
      notDominatedOnCostAndAvgJct: dominatedBy.length === 0,
      dominatedBy,
      met: fewestMisses && dominatedBy.length === 0,
    },
    seconds: round((performance.now() - started) / 1000),
  };
}
