/**
 * A seeded five-site, multi-vendor federation and its workload. Prices are the median public
 * on-demand price in the catalog where it has one; Ascend and DCU prices, and every throughput
 * (catalog peak × an assumed software efficiency per vendor), are stated assumptions.
 */
import { getModel, pricesOf } from '../../catalog/index.js';
import { priorThroughput } from '../../compat/throughput.js';
import { PRIORITIES } from '../../spec/types.js';
import { seededRandom } from '../prng.js';
import { median } from '../stats.js';
import type { SimCluster, SimJob, SimPool, ThroughputMatrix } from './inputs.js';

const SITES: { name: string; region: string; startupSeconds: number; pools: [string, number, number?][] }[] = [
  {
    name: 'east-nvidia',
    region: 'us-east',
    startupSeconds: 60,
    pools: [
      ['nvidia-h100-sxm', 64],
      ['nvidia-a100-80gb', 64],
    ],
  },
  {
    name: 'west-amd',
    region: 'eu-west',
    startupSeconds: 90,
    pools: [
      ['amd-instinct-mi300x', 48],
      ['amd-instinct-mi250x', 32],
    ],
  },
  { name: 'north-ascend', region: 'cn-north', startupSeconds: 120, pools: [['huawei-ascend-910b3', 96, 1.2]] },
  { name: 'south-dcu', region: 'cn-south', startupSeconds: 120, pools: [['hygon-dcu-k100_ai', 128, 0.5]] },
  {
    name: 'asia-mixed',
    region: 'ap-southeast',
    startupSeconds: 30,
    pools: [
      ['nvidia-geforce-rtx-4090', 64],
      ['nvidia-tesla-v100', 32],
    ],
  },
];

/** Assumed share of vendor peak a framework reaches, relative to NVIDIA. */
const EFFICIENCY: Record<string, number> = { nvidia: 1, amd: 0.75, huawei: 0.65, hygon: 0.6 };
/** Assumed (training, inference) throughput where the catalog has no peaks. */
const ASSUMED: Record<string, [number, number]> = {
  'huawei-ascend-910b3': [0.8, 0.9],
  'hygon-dcu-k100_ai': [0.45, 0.6],
};
/** Models that lack the memory for large-model training. */
const NO_LLM_TRAINING = new Set(['nvidia-geforce-rtx-4090', 'nvidia-tesla-v100']);

function round(x: number, digits = 3): number {
  return Number(x.toFixed(digits));
}

function pool(model: string, devices: number, assumedPrice?: number): SimPool {
  const onDemand = pricesOf(model).filter((p) => p.pricing === 'on-demand');
  if (assumedPrice !== undefined || onDemand.length === 0) {
    return { model, devices, pricePerHour: assumedPrice ?? 1, priceSource: 'assumed: no public price in the catalog' };
  }
  const price = round(median(onDemand.map((p) => p.usdPerHour)), 4);
  return {
    model,
    devices,
    pricePerHour: price,
    priceSource: `median of ${onDemand.length} public on-demand prices (catalog)`,
  };
}

export function generatedCluster(): SimCluster {
  return {
    currency: 'USD',
    sites: SITES.map((s) => ({
      name: s.name,
      region: s.region,
      startupSeconds: s.startupSeconds,
      pools: s.pools.map(([model, devices, price]) => pool(model, devices, price)),
    })),
  };
}

export function generatedMatrix(): ThroughputMatrix {
  const models = SITES.flatMap((s) => s.pools.map(([m]) => m));
  const value = (model: string, kind: 'training' | 'inference') => {
    const assumed = ASSUMED[model];
    if (assumed) return assumed[kind === 'training' ? 0 : 1];
    const m = getModel(model)!;
    return round(priorThroughput(m, kind).value * (EFFICIENCY[m.vendor] ?? 0.5));
  };
  const row = (kind: 'training' | 'inference', skip: Set<string>) =>
    Object.fromEntries(models.filter((m) => !skip.has(m)).map((m) => [m, value(m, kind)]));
  return {
    reference: 'nvidia-a100-80gb',
    classes: {
      'llm-training': row('training', NO_LLM_TRAINING),
      'cv-training': row('training', new Set()),
      'llm-inference': row('inference', new Set()),
    },
  };
}

export interface WorkloadOptions {
  seed: number;
  jobs: number;
  /** Offered load as a fraction of the federation's capacity in reference-device seconds. */
  load: number;
  /** Fraction of jobs with a deadline. */
  deadlineShare: number;
}

export const DEFAULT_WORKLOAD: WorkloadOptions = { seed: 42, jobs: 5000, load: 0.8, deadlineShare: 0.35 };

function pickWeighted<T>(items: readonly (readonly [T, number])[], u: number): T {
  let acc = 0;
  for (const [item, weight] of items) {
    acc += weight;
    if (u < acc) return item;
  }
  return items[items.length - 1]![0];
}

export function generatedJobs(
  cluster: SimCluster,
  matrix: ThroughputMatrix,
  options: WorkloadOptions = DEFAULT_WORKLOAD,
): SimJob[] {
  const random = seededRandom(options.seed);
  const classes = Object.keys(matrix.classes);
  const capacity = cluster.sites
    .flatMap((s) => s.pools)
    .reduce(
      (sum, p) =>
        sum + p.devices * (classes.reduce((t, c) => t + (matrix.classes[c]![p.model] ?? 0), 0) / classes.length),
      0,
    );
  const shapes = Array.from({ length: options.jobs }, () => {
    const normal = Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
    return {
      class: pickWeighted(
        classes.map((c, k) => [c, k === 0 ? 0.4 : 0.6 / (classes.length - 1)] as const),
        random.next(),
      ),
      work: round(Math.min(72 * 3600, Math.max(300, Math.exp(Math.log(3600) + normal))), 1),
      replicas: pickWeighted(
        [
          [1, 0.7],
          [2, 0.2],
          [4, 0.1],
        ] as const,
        random.next(),
      ),
      devicesPerReplica: pickWeighted(
        [
          [1, 0.3],
          [2, 0.3],
          [4, 0.25],
          [8, 0.15],
        ] as const,
        random.next(),
      ),
      priority:
        PRIORITIES[
          pickWeighted(
            [
              [0, 0.2],
              [1, 0.6],
              [2, 0.15],
              [3, 0.05],
            ] as const,
            random.next(),
          )
        ]!,
      slack: random.next() < options.deadlineShare ? 1.5 + 3.5 * random.next() : undefined,
    };
  });
  const demand = shapes.reduce((sum, s) => sum + s.work * s.replicas * s.devicesPerReplica, 0);
  const meanGap = demand / (options.load * capacity) / options.jobs;
  let t = 0;
  return shapes.map((s, k) => {
    t += -Math.log(1 - random.next()) * meanGap;
    const { slack, ...shape } = s;
    const job: SimJob = { id: `job-${k}`, arrival: round(t, 1), ...shape };
    if (slack !== undefined) job.deadline = round(job.arrival + 1800 + s.work * slack, 1);
    return job;
  });
}

/** The jobs as the CSV `parseJobs` reads. */
export function jobsCsv(jobs: readonly SimJob[]): string {
  const rows = ['id,arrival_s,class,work_s,replicas,devices_per_replica,priority,deadline_s'];
  for (const j of jobs) {
    rows.push(
      [j.id, j.arrival, j.class, j.work, j.replicas, j.devicesPerReplica, j.priority, j.deadline ?? ''].join(','),
    );
  }
  return `${rows.join('\n')}\n`;
}

/** The cluster as the JSON `parseCluster` reads (pools as whole nodes of 8 devices). */
export function clusterJson(cluster: SimCluster): string {
  const sites = cluster.sites.map((s) => ({
    ...s,
    pools: s.pools.map(({ devices, ...p }) => ({
      model: p.model,
      nodes: devices / 8,
      devicesPerNode: 8,
      pricePerHour: p.pricePerHour,
      ...(p.priceSource ? { priceSource: p.priceSource } : {}),
    })),
  }));
  return `${JSON.stringify({ currency: cluster.currency, sites }, null, 2)}\n`;
}
