/** What the time-based replay measures: distributions of durations and a sampled utilization curve. Pure. */

export interface Distribution {
  count: number;
  /** Seconds; NaN when count is 0 (as are the percentiles). */
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile (the smallest value with at least p % of values at or below it): always a measured value. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: sorted.length,
    mean: sorted.length === 0 ? Number.NaN : sum / sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length === 0 ? Number.NaN : sorted[sorted.length - 1]!,
  };
}

export interface Sample {
  /** Virtual seconds. */
  time: number;
  /** Allocated GPU milli over GPU capacity, in [0, 1]. */
  gpuFraction: number;
  running: number;
  waiting: number;
}

export interface Level {
  allocatedGpuMilli: number;
  running: number;
  waiting: number;
}

/**
 * Samples a step function at 0, every, 2·every, ...: the sample at s is the level after every
 * event at times ≤ s. Call `advance(t)` before applying the events at t, `finish(end)` once.
 */
export class Sampler {
  readonly samples: Sample[] = [];
  private next = 0;

  constructor(
    private readonly every: number,
    private readonly capacityGpuMilli: number,
    private readonly level: () => Level,
  ) {}

  advance(time: number): void {
    while (this.next < time) this.take();
  }

  finish(end: number): void {
    while (this.next <= end) this.take();
  }

  private take(): void {
    const { allocatedGpuMilli, running, waiting } = this.level();
    const gpuFraction = this.capacityGpuMilli > 0 ? allocatedGpuMilli / this.capacityGpuMilli : 0;
    this.samples.push({ time: this.next, gpuFraction, running, waiting });
    this.next = this.samples.length * this.every;
  }
}
