/**
 * Wire types of the Junction REST API (/api/v1), as the console reads them. Kept in the console
 * (not imported from src/server) so the console type-checks on its own with DOM libs.
 */

export type Role = 'admin' | 'provider' | 'member' | 'viewer';

export interface ApiIssue {
  path: string;
  message: string;
  hint?: string;
  value?: unknown;
}

export interface ApiErrorBody {
  code: string;
  message: string;
  issues?: ApiIssue[];
}

export interface WhoAmI {
  tenant: string;
  user: string;
  role: Role;
  tokenId: string;
  expiresAt: string | null;
}

export const JOB_PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Cancelled'] as const;
export type JobPhase = string;

export interface DeviceAllocation {
  index: number;
  memoryMiB: number;
  computePercent: number;
  whole: boolean;
}

export interface ReplicaPlacement {
  replica: number;
  site: string;
  node: string;
  cpuMillis: number;
  memoryMiB: number;
  vendor: string | null;
  model: string | null;
  devices: DeviceAllocation[];
  runtime?: { stack: string; stackVersion: string; image?: string; verdict: string; evidence: string };
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

export interface CompiledSpec {
  name: string;
  queue: string;
  priority: string;
  labels: Record<string, string>;
  workload: { command: string[]; framework?: { name: string; version: string }; precision: string[] } & Record<
    string,
    unknown
  >;
  resources: {
    replicas: number;
    perReplica: {
      cpuMillis: number;
      memoryMiB: number;
      accelerators: {
        kind: 'none' | 'whole' | 'share';
        count: number;
        share?: { memoryMiB: number; computePercent: number };
        vendors: string[];
        models: string[];
        minMemoryMiB: number;
        topology: string;
      };
    };
  };
  placement: Record<string, unknown>;
  runtime: Record<string, unknown>;
  [key: string]: unknown;
}

export interface JobView {
  id: string;
  metadata: {
    name: string;
    labels: Record<string, string>;
    tenant: string;
    queue?: string;
    /** The user whose token submitted it ('' when unknown). */
    user?: string;
    createdAt: string;
  };
  spec: CompiledSpec;
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
  jobId?: string | null;
  type: string;
  message: string;
}

export interface Explanation {
  jobId?: string;
  phase?: string;
  summary: string;
  details: string[];
}

export interface DeviceView {
  index: number;
  vendor: string;
  model: string;
  memoryMiB: number;
  healthy: boolean;
  allocatedMemoryMiB: number;
  allocatedComputePercent: number;
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

export interface SiteView {
  name: string;
  backend: string;
  region: string;
  emulated: boolean;
  description?: string;
  nodes: number;
  devices: number;
  provider?: string;
  prices?: { model: string; perHour: number; spotPerHour?: number; currency: string }[];
}

export interface QueueCount {
  name: string;
  pending: number;
  running: number;
}

export interface Prediction {
  devices: number;
  throughput: number;
  waitSeconds: number;
  transferSeconds: number;
  durationSeconds: number;
  start: number;
  end: number;
  pricePerDeviceHour: number;
  pricePerHour: number;
  transferCost: number;
  cost: number;
  currency: string;
}

export interface Candidate {
  site: string;
  region: string;
  model: string;
  vendor: string;
  feasible: boolean;
  prediction?: Prediction;
  reason: string;
}

export interface Plan {
  now: number;
  ranked: Candidate[];
  chosen?: Candidate;
  refusal?: string;
  notes: string[];
  objective: 'cost' | 'time';
  deadline?: number;
}

export interface UsageItem {
  day?: string;
  month?: string;
  tenant?: string;
  queue?: string;
  user?: string;
  site?: string;
  provider?: string;
  /** null for CPU-only usage. */
  vendor?: string | null;
  model?: string | null;
  currency: string;
  records: number;
  jobs: number;
  deviceHours: number;
  cpuHours: number;
  memoryGiBHours: number;
  costMicros: number;
  cost: string;
}

export interface UsageReport {
  from: string;
  to: string;
  items: UsageItem[];
}

export interface BillLine {
  site: string;
  provider?: string;
  tenant?: string;
  vendor: string | null;
  model: string | null;
  queue: string;
  priceKind: string;
  currency: string;
  /** Decimal strings (6 places) from the server; numbers are accepted too. */
  deviceHours: number | string;
  cpuHours: number | string;
  memoryGiBHours: number | string;
  perDeviceHour?: string;
  perCpuHour?: string;
  perMemoryGiBHour?: string;
  records?: number;
  jobs?: number;
  costMicros: number;
  cost: string;
}

export interface Bill {
  kind: string;
  party: string;
  period: { from: string; to: string };
  lines: BillLine[];
  totals: { currency: string; costMicros: number; cost: string }[];
  usageRecords: number;
}

export interface Tenant {
  name: string;
  displayName?: string;
  createdAt?: string;
  /** Names of the tenant's queues. */
  queues?: string[];
  /** Active tokens. */
  tokens?: number;
}

export interface Resources {
  devices?: Record<string, number>;
  cpuMillis?: number;
  memoryMiB?: number;
}

export interface QueueConfig {
  name: string;
  tenant: string;
  weight: number;
  quota: Resources;
  limit?: Resources;
}

export interface TokenInfo {
  id: string;
  tenant: string;
  user: string;
  role: Role;
  name: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  requestsPerMinute?: number | null;
  maxBodyBytes?: number | null;
}

export interface NewToken extends TokenInfo {
  token: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  tenant: string | null;
  user: string | null;
  role: string | null;
  tokenId: string | null;
  method: string;
  route: string;
  target: string | null;
  status: number;
  ip: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}
