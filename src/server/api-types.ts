/**
 * Wire types of the REST API under /api/v1, shared by the server and the CLI.
 *
 * Routes:
 *   POST /api/v1/jobs                 body: a job spec as YAML or JSON (Content-Type application/yaml, text/yaml,
 *                                     application/json or text/plain) → 201 JobView
 *   GET  /api/v1/jobs                 ?phase=Pending,Running&queue=&name=&label=k=v&limit=50&cursor= → JobList
 *   GET  /api/v1/jobs/:id             → JobView
 *   POST /api/v1/jobs/:id/cancel      → 202 JobView
 *   GET  /api/v1/jobs/:id/logs        ?follow=true&replica=0 → text/plain (chunked while following)
 *   GET  /api/v1/jobs/:id/events      ?afterSeq= → EventList
 *   GET  /api/v1/jobs/:id/explain     → Explanation
 *   GET  /api/v1/nodes                → NodeList
 *   GET  /api/v1/sites                → SiteList
 *   GET  /api/v1/queues               → QueueList
 *   GET  /api/v1/spec/schema          → the job spec's JSON Schema
 *   GET  /healthz, /metrics (Prometheus text), /openapi.json
 * Every error is { error: ApiError } with a 4xx/5xx status.
 */
import type { DeviceInfo, ReplicaPlacement, SiteInfo } from '../cluster/types.js';
import type { SitePrice } from '../federation/types.js';
import type { QueueConfig } from '../scheduler/queues.js';
import type { CompiledJobSpec, SpecIssue } from '../spec/types.js';
import type { JobPhase } from '../store/types.js';

export interface ApiError {
  /** e.g. invalid_spec, invalid_request, not_found, conflict, payload_too_large, unsupported_media_type, internal */
  code: string;
  message: string;
  issues?: SpecIssue[];
}

export interface TaskView {
  id: string;
  replica: number;
  attempt: number;
  site: string;
  node: string;
  state: string;
  exitCode: number | null;
  message: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface JobView {
  id: string;
  metadata: {
    name: string;
    labels: Record<string, string>;
    tenant: string;
    queue: string;
    /** The user whose token submitted it ('' when unknown). */
    user: string;
    createdAt: string;
  };
  spec: CompiledJobSpec;
  status: {
    phase: JobPhase;
    reason: string | null;
    message: string | null;
    attempt: number;
    exitCode: number | null;
    startedAt: string | null;
    finishedAt: string | null;
    placement: ReplicaPlacement[] | null;
    tasks: TaskView[];
  };
}

export interface JobList {
  items: JobView[];
  nextCursor: string | null;
}

export interface EventView {
  seq: number;
  at: string;
  jobId: string | null;
  type: string;
  message: string;
  data?: Record<string, unknown>;
}

export interface EventList {
  items: EventView[];
}

export interface Explanation {
  jobId: string;
  phase: JobPhase;
  /** One sentence: why it waits, or where it went and why. */
  summary: string;
  /** Supporting lines, most important first (per-plugin verdicts, node counts, scores). */
  details: string[];
  placement: ReplicaPlacement[] | null;
}

export interface DeviceView extends DeviceInfo {
  /** Memory and compute already allocated on this device. */
  allocatedMemoryMiB: number;
  allocatedComputePercent: number;
  /** Ids of the jobs holding (part of) this device. */
  jobs: string[];
}

export interface NodeView {
  name: string;
  site: string;
  domains: string[];
  cpuMillis: number;
  memoryMiB: number;
  allocatedCpuMillis: number;
  allocatedMemoryMiB: number;
  schedulable: boolean;
  labels: Record<string, string>;
  devices: DeviceView[];
}

export interface NodeList {
  items: NodeView[];
}

export interface SiteList {
  items: (SiteInfo & { provider: string; prices: readonly SitePrice[]; nodes: number; devices: number })[];
}

export interface QueueView extends QueueConfig {
  pending: number;
  running: number;
}

export interface QueueList {
  items: QueueView[];
}
