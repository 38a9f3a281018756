/**
 * Why each recently bound job went where it went (the cycle's binding, whose reasons are written
 * out only when explain asks). Bounded: beyond `limit` jobs the oldest binding is forgotten, and
 * explain then lists that job's placement without the scheduler's scores.
 */
export class RecentReasons<V> {
  private readonly byJob = new Map<string, V>();

  constructor(private readonly limit = 50_000) {}

  get(jobId: string): V | undefined {
    return this.byJob.get(jobId);
  }

  /** Keeps the newest binding of a job (a retried job's moves to the end). */
  set(jobId: string, value: V): void {
    this.byJob.delete(jobId);
    this.byJob.set(jobId, value);
    if (this.byJob.size > this.limit) {
      const oldest = this.byJob.keys().next().value;
      if (oldest !== undefined) this.byJob.delete(oldest);
    }
  }

  get size(): number {
    return this.byJob.size;
  }
}
