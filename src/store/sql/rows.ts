/** Conversion between Store records and table rows. JSON serialization happens here, so it can throw. */
import type { Insertable, Selectable } from 'kysely';
import type { DocumentsTable, EventsTable, JobsTable, TasksTable } from '../schema.js';
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

/** JSON.stringify, but refusing values it would silently drop or mangle at the top level. */
function toJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`cannot store ${typeof value} as JSON`);
  return text;
}
