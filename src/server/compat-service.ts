/**
 * The adaptation center's state in the control plane: the current knowledge base, loaded from the
 * store (every revision is kept there as the document `compat-kb`), seeded on first start, and an
 * oracle the scheduler reads. Every change is committed with an event before it takes effect.
 */
import { knowledgeBaseSchema } from '../compat/kb-schema.js';
import { exportKb, type ImportResult, importKb } from '../compat/knowledge-base.js';
import { createCompatOracle } from '../compat/oracle.js';
import { seedKb } from '../compat/seed.js';
import type { KnowledgeBase } from '../compat/types.js';
import type { CompatOracle } from '../scheduler/framework.js';
import type { NewEvent, Store } from '../store/types.js';

export const KB_DOCUMENT = 'compat-kb';

export class CompatService {
  private current: KnowledgeBase;
  private currentOracle: CompatOracle;
  private readonly listeners = new Set<() => void>();
  /** Stable for the scheduler's lifetime; always answers from the newest knowledge. */
  readonly oracle: CompatOracle = { options: (spec) => this.currentOracle.options(spec) };

  private constructor(
    private readonly store: Store,
    kb: KnowledgeBase,
    private readonly now: () => string,
  ) {
    this.current = kb;
    this.currentOracle = createCompatOracle(kb);
  }

  static async open(store: Store, now: () => string): Promise<CompatService> {
    const stored = await store.latestDocument(KB_DOCUMENT);
    if (stored) {
      const parsed = knowledgeBaseSchema.safeParse(JSON.parse(stored.body));
      if (!parsed.success)
        throw new Error(`stored knowledge base revision ${stored.revision} is unreadable: ${parsed.error.message}`);
      return new CompatService(store, parsed.data as KnowledgeBase, now);
    }
    const seeded = { ...seedKb(), revision: 1 };
    const service = new CompatService(store, seeded, now);
    await service.persist(seeded, {
      type: 'KnowledgeSeeded',
      message: `knowledge base seeded with ${seeded.verdicts.length} verdicts`,
    });
    return service;
  }

  get kb(): KnowledgeBase {
    return this.current;
  }

  /** Called after every change (the control loop re-runs scheduling: a job may now fit). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Replaces the knowledge base with `next`, stored as a new revision with its event. */
  async replace(
    next: KnowledgeBase,
    event: { type: string; message: string; data?: Record<string, unknown> },
  ): Promise<KnowledgeBase> {
    const revision = this.current.revision + 1;
    const stored = { ...next, revision };
    await this.persist(stored, event);
    this.current = stored;
    this.currentOracle = createCompatOracle(stored);
    for (const listener of this.listeners) listener();
    return stored;
  }

  /** Merges another adaptation center's export; nothing changes when it is invalid (the error says where). */
  async import(text: string): Promise<ImportResult & { revision: number }> {
    const result = importKb(text, this.current);
    const stored = await this.replace(result.kb, {
      type: 'KnowledgeImported',
      message: `imported ${result.added} new and ${result.updated} updated verdicts (${result.conflicts.length} conflicts)`,
    });
    return { ...result, kb: stored, revision: stored.revision };
  }

  private async persist(
    kb: KnowledgeBase,
    event: { type: string; message: string; data?: Record<string, unknown> },
  ): Promise<void> {
    const at = this.now();
    const record: NewEvent = {
      at,
      jobId: null,
      type: event.type,
      message: event.message,
      data: { revision: kb.revision, ...event.data },
    };
    await this.store.commit({
      documents: [{ name: KB_DOCUMENT, revision: kb.revision, body: exportKb(kb), createdAt: at }],
      events: [record],
    });
  }
}
