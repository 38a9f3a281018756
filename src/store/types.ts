/**
 * The Store port: durable state of the control plane. Implementations: SQLite (embedded default)
 * and, later, PostgreSQL. The control plane keeps working copies of records in memory and
 * writes them back with `commit`, which is ONE transaction: every state change lands together
 * with the event rows that describe it, or not at all.
 *
 * An accepted job (a successful `commit` that inserted it) survives a crash of the process.
 */

import type { AuditEntry, AuditRecord, TenantRecord, TokenRecord } from '../access/types.js';
import type { TaskSpec, TaskState } from '../backends/types.js';
import type { BackendKind, ReplicaPlacement } from '../cluster/types.js';
import type { PriceSnapshot, UsageRecord } from '../metering/types.js';
import type { CompiledJobSpec } from '../spec/types.js';

export const JOB_PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Cancelled'] as const;
export type JobPhase = (typeof JOB_PHASES)[number];
export const TERMINAL_JOB_PHASES: ReadonlySet<JobPhase> = new Set(['Succeeded', 'Failed', 'Cancelled']);

export interface JobRecord {
  id: string;
  tenant: string;
  name: string;
  queue: string;
  spec: CompiledJobSpec;
  /** The text the user submitted, kept verbatim for audit and re-display. */
  source: string;
  phase: JobPhase;
  /** Short machine-friendly cause of the current phase, e.g. `Unschedulable`, `BackendLost`, `ExitCode`. */
  reason: string | null;
  /** Human-readable explanation (why it waits, why it failed). */
  message: string | null;
  /** Attempts started so far (0 before the first run). */
  attempt: number;
  placement: ReplicaPlacement[] | null;
  exitCode: number | null;
  cancelRequested: boolean;
  /** ISO-8601 timestamps. */
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** The user whose token submitted it ('' when unknown). */
  submittedBy?: string;
}

/** One replica's run of one attempt on a backend. */
export interface TaskRecord {
  id: string;
  jobId: string;
  replica: number;
  attempt: number;
  site: string;
  backend: BackendKind;
  node: string;
  /** 'pending' = decided, not yet handed to the backend. */
  state: TaskState | 'pending';
  /** Backend handle returned by submit (pid file, Slurm job id...), for reattach. */
  handle: string | null;
  exitCode: number | null;
  message: string | null;
  spec: TaskSpec;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** The site's price in force when the task was placed; null/absent when none applies. */
  price?: PriceSnapshot | null;
}

export interface NewEvent {
  at: string;
  jobId: string | null;
  /** PascalCase verb, e.g. Submitted, Scheduled, Started, Failed, Retried, CancelRequested, Cancelled, Recovered. */
  type: string;
  message: string;
  data?: Record<string, unknown>;
}

export interface EventRecord extends NewEvent {
  /** Monotonic sequence number; a client resumes a stream with `afterSeq`. */
  seq: number;
}

export interface JobQuery {
  tenant?: string;
  phases?: JobPhase[];
  queue?: string;
  /** Substring match on the job name. */
  name?: string;
  /** Exact label match. */
  labels?: Record<string, string>;
  /** 1..500; default 50. */
  limit?: number;
  /** Opaque cursor from a previous page's `nextCursor`. Pages are newest first. */
  cursor?: string;
}

export interface JobPage {
  items: JobRecord[];
  nextCursor: string | null;
}

/**
 * A versioned document (e.g. the adaptation center's knowledge base). Every revision is kept;
 * (name, revision) is unique, so two writers racing on the same revision cannot both succeed.
 */
export interface StoredDocument {
  name: string;
  revision: number;
  body: string;
  createdAt: string;
}

export interface StoreChange {
  /** Inserted or fully replaced, keyed by id. */
  jobs?: JobRecord[];
  tasks?: TaskRecord[];
  events?: NewEvent[];
  /** Inserted; a (name, revision) that exists already fails the whole commit. */
  documents?: StoredDocument[];
  /** Upserted by name / id. */
  tenants?: TenantRecord[];
  tokens?: TokenRecord[];
  audit?: AuditEntry[];
  /** Upserted by id: metering the same task twice replaces, never doubles. */
  usage?: UsageRecord[];
}

export interface UsageQuery {
  tenant?: string;
  provider?: string;
  /** YYYY-MM-DD, inclusive. */
  fromDay?: string;
  /** YYYY-MM-DD, exclusive. */
  toDay?: string;
}

export interface Store {
  /** Applies all of it in one transaction. Throws (and changes nothing) on any failure. */
  commit(change: StoreChange): Promise<void>;
  getJob(id: string): Promise<JobRecord | undefined>;
  listJobs(query: JobQuery): Promise<JobPage>;
  /** Every job in these phases, oldest first; used by the control loop and at start-up. */
  jobsInPhases(phases: readonly JobPhase[]): Promise<JobRecord[]>;
  countJobsByPhase(): Promise<Record<JobPhase, number>>;
  tasksOfJob(jobId: string): Promise<TaskRecord[]>;
  tasksInStates(states: readonly TaskRecord['state'][]): Promise<TaskRecord[]>;
  /** Events in sequence order; with jobId only that job's. */
  listEvents(query: { jobId?: string; afterSeq?: number; limit?: number }): Promise<EventRecord[]>;
  /** The newest revision of a document, or undefined when none was ever stored. */
  latestDocument(name: string): Promise<StoredDocument | undefined>;
  /** Revisions of a document, newest first (bodies included). */
  documentHistory(name: string, limit?: number): Promise<StoredDocument[]>;
  listTenants(): Promise<TenantRecord[]>;
  /** Every token (hashes included: only the access service reads them), oldest first. */
  listTokens(): Promise<TokenRecord[]>;
  /** Audit entries, newest first. */
  listAudit(query: { tenant?: string; beforeSeq?: number; limit?: number }): Promise<AuditRecord[]>;
  listUsage(query: UsageQuery): Promise<UsageRecord[]>;
  close(): Promise<void>;
}
