/**
 * The published FGD metric, logged after every placement attempt. For arrived GPU demand
 * a (Σ num_gpu × gpu_milli over every attempted pod, placed or not) and allocated GPU milli u:
 * arrive% = round(100 · a / capacity) and unallocated GPU % = 100 − 100 · u / capacity. The
 * curve's point k is the mean over the log points whose arrive% is k, or, when there are none,
 * over those whose arrive% is k − 1 or k + 1.
 */
export class AllocationCurve {
  private readonly sums: Float64Array;
  private readonly counts: Int32Array;
  private arrived = 0;
  private allocated = 0;

  constructor(
    private readonly capacityMilli: number,
    readonly maxPercent = 130,
  ) {
    this.sums = new Float64Array(maxPercent + 2);
    this.counts = new Int32Array(maxPercent + 2);
  }

  /** Logs one attempt: `gpuMilli` arrived, and was allocated when `placed`. */
  record(gpuMilli: number, placed: boolean): void {
    this.arrived += gpuMilli;
    if (placed) this.allocated += gpuMilli;
    const k = Math.round((100 * this.arrived) / this.capacityMilli);
    if (k < 0 || k >= this.sums.length) return;
    this.sums[k]! += 100 - (100 * this.allocated) / this.capacityMilli;
    this.counts[k]!++;
  }

  get arrivedMilli(): number {
    return this.arrived;
  }

  get allocatedMilli(): number {
    return this.allocated;
  }

  /** Unallocated GPU % at arrive% k, or null when no log point is near. */
  at(k: number): number | null {
    const count = this.counts[k] ?? 0;
    if (count > 0) return this.sums[k]! / count;
    const n = (this.counts[k - 1] ?? 0) + (this.counts[k + 1] ?? 0);
    return n > 0 ? ((this.sums[k - 1] ?? 0) + (this.sums[k + 1] ?? 0)) / n : null;
  }

  /** Points 0..maxPercent. */
  points(): (number | null)[] {
    return Array.from({ length: this.maxPercent + 1 }, (_, k) => this.at(k));
  }
}
