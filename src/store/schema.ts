/**
 * The relational shape of the Store, shared by every SQL dialect. JSON documents are stored as
 * text, timestamps as ISO-8601 text (so they sort as strings), booleans as 0/1 integers.
 */
import type { Generated } from 'kysely';
import type { Role } from '../access/types.js';
import type { BackendKind } from '../cluster/types.js';
import type { JobPhase, TaskRecord } from './types.js';

export type SqlDialectName = 'sqlite' | 'postgres';

export interface JobsTable {
  id: string;
  tenant: string;
  name: string;
  queue: string;
  phase: JobPhase;
  /** JSON of CompiledJobSpec. */
  spec: string;
  /** JSON of spec.labels, kept apart so label filters need not read the whole spec. */
  labels: string;
  source: string;
  reason: string | null;
  message: string | null;
  attempt: number;
  /** JSON of ReplicaPlacement[]. */
  placement: string | null;
  exit_code: number | null;
  cancel_requested: number;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** Who submitted it (the token's user); '' for jobs stored before tenants existed. */
  submitted_by: string;
}

export interface TasksTable {
  id: string;
  job_id: string;
  replica: number;
  attempt: number;
  site: string;
  backend: BackendKind;
  node: string;
  state: TaskRecord['state'];
  handle: string | null;
  exit_code: number | null;
  message: string | null;
  /** JSON of TaskSpec. */
  spec: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** JSON of the PriceSnapshot the task started under, or null (no price applies). */
  price: string | null;
}

export interface EventsTable {
  /** Assigned by the database; PostgreSQL returns bigint as a string, so readers convert with Number(). */
  seq: Generated<number | string>;
  at: string;
  job_id: string | null;
  type: string;
  message: string;
  /** JSON object, or null when the event has no data. */
  data: string | null;
}

export interface DocumentsTable {
  name: string;
  revision: number;
  body: string;
  created_at: string;
}

export interface TenantsTable {
  name: string;
  display_name: string;
  created_at: string;
}

export interface TokensTable {
  id: string;
  tenant: string;
  user: string;
  role: Role;
  name: string;
  hash: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  requests_per_minute: number | null;
  max_body_bytes: number | null;
}

export interface AuditTable {
  seq: Generated<number | string>;
  at: string;
  tenant: string | null;
  user: string | null;
  role: Role | null;
  token_id: string | null;
  method: string;
  route: string;
  target: string | null;
  status: number;
  ip: string;
}

export interface UsageTable {
  id: string;
  tenant: string;
  provider: string;
  /** YYYY-MM-DD (UTC): usage rows never span a day. */
  day: string;
  /** JSON of the usage record. */
  record: string;
}

export interface Database {
  jobs: JobsTable;
  tasks: TasksTable;
  events: EventsTable;
  documents: DocumentsTable;
  tenants: TenantsTable;
  tokens: TokensTable;
  audit: AuditTable;
  usage: UsageTable;
}
