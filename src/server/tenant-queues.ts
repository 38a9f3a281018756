/**
 * Each tenant's queues with their quota, borrowing limit and fair-share weight: the server's
 * config seeds them, admins change them through the API, and every revision is a stored document
 * (so a quota's history is auditable). A change recompiles the scheduling profile.
 */
import { QueueBook, type QueueConfig, QueueConfigError } from '../scheduler/queues.js';
import type { Store } from '../store/types.js';
import { AccessError } from './access-service.js';

export const QUEUES_DOCUMENT = 'queues';

export class TenantQueues {
  private queues: QueueConfig[];
  private revision: number;
  private readonly listeners: ((queues: readonly QueueConfig[]) => void)[] = [];

  private constructor(
    private readonly store: Store,
    private readonly clock: () => number,
    queues: QueueConfig[],
    revision: number,
  ) {
    this.queues = queues;
    this.revision = revision;
  }

  /** The stored revision wins over the config's seed once an admin has changed anything. */
  static async open(store: Store, seed: readonly QueueConfig[], clock: () => number = Date.now) {
    const doc = await store.latestDocument(QUEUES_DOCUMENT);
    const queues = doc ? (JSON.parse(doc.body) as QueueConfig[]) : seed.map((q) => ({ ...q }));
    return new TenantQueues(store, clock, queues, doc?.revision ?? 0);
  }

  all(): readonly QueueConfig[] {
    return this.queues;
  }

  of(tenant: string): QueueConfig[] {
    return this.queues.filter((q) => q.tenant === tenant);
  }

  onChange(listener: (queues: readonly QueueConfig[]) => void): void {
    this.listeners.push(listener);
  }

  /**
   * The queue a tenant's job goes to: the one its spec names when the tenant owns it; for a spec
   * that left the default queue, the tenant's first queue.
   */
  resolve(tenant: string, requested: string, requestedIsDefault: boolean): QueueConfig {
    const mine = this.of(tenant);
    const named = mine.find((q) => q.name === requested);
    if (named) return named;
    if (requestedIsDefault && mine[0]) return mine[0];
    const names = mine.map((q) => q.name).join(', ') || '(none: ask an admin to create one)';
    throw new AccessError(
      400,
      'invalid_spec',
      `queue: "${requested}" is not a queue of tenant ${tenant}; use one of ${names}`,
    );
  }

  /** Creates or replaces a tenant's queue. Names are unique across tenants. */
  async put(tenant: string, name: string, terms: Omit<QueueConfig, 'name' | 'tenant'>): Promise<QueueConfig> {
    const owner = this.queues.find((q) => q.name === name);
    if (owner && owner.tenant !== tenant)
      throw new AccessError(409, 'conflict', `queue ${name} belongs to another tenant; choose another name`);
    const queue: QueueConfig = { name, tenant, ...terms };
    const next = owner ? this.queues.map((q) => (q.name === name ? queue : q)) : [...this.queues, queue];
    await this.save(next);
    return queue;
  }

  /** A new tenant's first queue: its name, weight 1, no guarantee (it may borrow idle capacity). */
  async ensureFor(tenant: string): Promise<void> {
    if (this.of(tenant).length > 0) return;
    if (this.queues.some((q) => q.name === tenant)) return;
    await this.save([...this.queues, { name: tenant, tenant, weight: 1, quota: {} }]);
  }

  private async save(next: QueueConfig[]): Promise<void> {
    try {
      new QueueBook(next);
    } catch (error) {
      if (error instanceof QueueConfigError) throw new AccessError(400, 'invalid_request', error.message);
      throw error;
    }
    const revision = this.revision + 1;
    await this.store.commit({
      documents: [
        {
          name: QUEUES_DOCUMENT,
          revision,
          body: JSON.stringify(next),
          createdAt: new Date(this.clock()).toISOString(),
        },
      ],
    });
    this.queues = next;
    this.revision = revision;
    for (const listener of this.listeners) listener(next);
  }
}
