/** Conversion between Store records and table rows. JSON serialization happens here, so it can throw. */
import type { Insertable, Selectable } from 'kysely';
import type { AuditEntry, AuditRecord, TenantRecord, TokenRecord } from '../../access/types.js';
import type { UsageRecord } from '../../metering/types.js';
import type {
  AuditTable,
  DocumentsTable,
  EventsTable,
  JobsTable,
  TasksTable,
  TenantsTable,
  TokensTable,
  UsageTable,
} from '../schema.js';
import type { EventRecord, JobRecord, NewEvent, StoredDocument, TaskRecord } from '../types.js';

export function jobToRow(job: JobRecord): JobsTable {
  return {
    id: job.id,
    tenant: job.tenant,
    name: job.name,
    queue: job.queue,
    phase: job.phase,
    spec: toJson(job.spec),
    labels: toJson(job.spec.labels),
    source: job.source,
    reason: job.reason,
    message: job.message,
    attempt: job.attempt,
    placement: job.placement === null ? null : toJson(job.placement),
    exit_code: job.exitCode,
    cancel_requested: job.cancelRequested ? 1 : 0,
    created_at: job.createdAt,
    updated_at: job.updatedAt,
    started_at: job.startedAt,
    finished_at: job.finishedAt,
    submitted_by: job.submittedBy ?? '',
  };
}

export function rowToJob(row: JobsTable): JobRecord {
  return {
    id: row.id,
    tenant: row.tenant,
    name: row.name,
    queue: row.queue,
    spec: JSON.parse(row.spec),
    source: row.source,
    phase: row.phase,
    reason: row.reason,
    message: row.message,
    attempt: Number(row.attempt),
    placement: row.placement === null ? null : JSON.parse(row.placement),
    exitCode: row.exit_code === null ? null : Number(row.exit_code),
    cancelRequested: Number(row.cancel_requested) !== 0,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    submittedBy: row.submitted_by ?? '',
  };
}

export function taskToRow(task: TaskRecord): TasksTable {
  return {
    id: task.id,
    job_id: task.jobId,
    replica: task.replica,
    attempt: task.attempt,
    site: task.site,
    backend: task.backend,
    node: task.node,
    state: task.state,
    handle: task.handle,
    exit_code: task.exitCode,
    message: task.message,
    spec: toJson(task.spec),
    created_at: task.createdAt,
    started_at: task.startedAt,
    finished_at: task.finishedAt,
    price: task.price ? toJson(task.price) : null,
  };
}

export function rowToTask(row: TasksTable): TaskRecord {
  return {
    id: row.id,
    jobId: row.job_id,
    replica: Number(row.replica),
    attempt: Number(row.attempt),
    site: row.site,
    backend: row.backend,
    node: row.node,
    state: row.state,
    handle: row.handle,
    exitCode: row.exit_code === null ? null : Number(row.exit_code),
    message: row.message,
    spec: JSON.parse(row.spec),
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    price: row.price ? JSON.parse(row.price) : null,
  };
}

export function eventToRow(event: NewEvent): Insertable<EventsTable> {
  return {
    at: event.at,
    job_id: event.jobId,
    type: event.type,
    message: event.message,
    data: event.data === undefined ? null : toJson(event.data),
  };
}

export function rowToEvent(row: Selectable<EventsTable>): EventRecord {
  const event: EventRecord = {
    seq: Number(row.seq),
    at: row.at,
    jobId: row.job_id,
    type: row.type,
    message: row.message,
  };
  if (row.data !== null) event.data = JSON.parse(row.data);
  return event;
}

export function documentToRow(doc: StoredDocument): DocumentsTable {
  if (!Number.isInteger(doc.revision) || doc.revision < 1)
    throw new TypeError(`document revision must be a positive integer`);
  return { name: doc.name, revision: doc.revision, body: doc.body, created_at: doc.createdAt };
}

export function rowToDocument(row: Selectable<DocumentsTable>): StoredDocument {
  return { name: row.name, revision: Number(row.revision), body: row.body, createdAt: row.created_at };
}

export function tenantToRow(tenant: TenantRecord): TenantsTable {
  return { name: tenant.name, display_name: tenant.displayName, created_at: tenant.createdAt };
}

export function rowToTenant(row: TenantsTable): TenantRecord {
  return { name: row.name, displayName: row.display_name, createdAt: row.created_at };
}

export function tokenToRow(token: TokenRecord): TokensTable {
  return {
    id: token.id,
    tenant: token.tenant,
    user: token.user,
    role: token.role,
    name: token.name,
    hash: token.hash,
    created_at: token.createdAt,
    expires_at: token.expiresAt,
    revoked_at: token.revokedAt,
    last_used_at: token.lastUsedAt,
    requests_per_minute: token.requestsPerMinute,
    max_body_bytes: token.maxBodyBytes,
  };
}

export function rowToToken(row: TokensTable): TokenRecord {
  return {
    id: row.id,
    tenant: row.tenant,
    user: row.user,
    role: row.role,
    name: row.name,
    hash: row.hash,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
    requestsPerMinute: row.requests_per_minute === null ? null : Number(row.requests_per_minute),
    maxBodyBytes: row.max_body_bytes === null ? null : Number(row.max_body_bytes),
  };
}

export function auditToRow(entry: AuditEntry): Insertable<AuditTable> {
  return {
    at: entry.at,
    tenant: entry.tenant,
    user: entry.user,
    role: entry.role,
    token_id: entry.tokenId,
    method: entry.method,
    route: entry.route,
    target: entry.target,
    status: entry.status,
    ip: entry.ip,
  };
}

export function rowToAudit(row: Selectable<AuditTable>): AuditRecord {
  return {
    seq: Number(row.seq),
    at: row.at,
    tenant: row.tenant,
    user: row.user,
    role: row.role,
    tokenId: row.token_id,
    method: row.method,
    route: row.route,
    target: row.target,
    status: Number(row.status),
    ip: row.ip,
  };
}

/** One row per task and day: metering the same task again replaces its rows. */
export function usageToRow(record: UsageRecord): UsageTable {
  return {
    id: `${record.taskId}@${record.day}`,
    tenant: record.tenant,
    provider: record.provider,
    day: record.day,
    record: toJson(record),
  };
}

export function rowToUsage(row: UsageTable): UsageRecord {
  return JSON.parse(row.record);
}

/** JSON.stringify, but refusing values it would silently drop or mangle at the top level. */
function toJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`cannot store ${typeof value} as JSON`);
  return text;
}
