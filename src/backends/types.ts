/**
 * The Backend port: what the control plane needs from anything that runs tasks
 * (local processes, emulated vendor nodes, Slurm, Kubernetes).
 *
 * Contract:
 * - `submit` returns once the task has been handed over (the process spawned, the batch job queued);
 *   it resolves to a `handle`, an opaque string the control plane persists so it can `reattach` after a restart.
 * - Every state change is reported through `watch` listeners, exactly once per transition, in order per task.
 *   Terminal states are `succeeded`, `failed`, `cancelled`, `lost`.
 * - `cancel` is idempotent: cancelling a finished or unknown task is not an error.
 * - `logs` yields chunks of the task's combined stdout/stderr; with `follow` it keeps yielding
 *   until the task is terminal (or the signal aborts), then ends.
 * - `reattach` is called at start-up for tasks the store says are running: it resumes watching a
 *   task that is still alive, reports the final state of one that finished meanwhile, or reports `lost`.
 */
import type { DeviceAllocation, NodeInfo, SiteInfo } from '../cluster/types.js';

export type TaskState = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'lost';

export const TERMINAL_TASK_STATES: ReadonlySet<TaskState> = new Set(['succeeded', 'failed', 'cancelled', 'lost']);

export interface TaskSpec {
  /** Unique per attempt, e.g. `<jobId>-r0-a1`. */
  taskId: string;
  jobId: string;
  replica: number;
  /** Replicas in the gang, so a task can know its world size. */
  replicas: number;
  attempt: number;
  site: string;
  node: string;
  command: string[];
  /** The user's env; the backend adds the vendor's visible-devices and share variables on top. */
  env: Record<string, string>;
  workingDir?: string;
  /** The container image chosen for this device model, when one is known (process backends expose it as JUNCTION_IMAGE). */
  image?: string;
  vendor: string | null;
  model: string | null;
  devices: DeviceAllocation[];
  cpuMillis: number;
  memoryMiB: number;
  gracePeriodSeconds: number;
  maxDurationSeconds?: number;
}

export interface TaskStatus {
  taskId: string;
  state: TaskState;
  exitCode?: number;
  /** Human-readable cause for failed/lost/cancelled. */
  message?: string;
  /** Epoch milliseconds when the backend observed the change. */
  at: number;
}

export interface LogOptions {
  follow?: boolean;
  signal?: AbortSignal;
}

export interface Backend {
  readonly site: SiteInfo;
  /** Nodes and devices as this backend sees them now. */
  nodes(): Promise<NodeInfo[]>;
  submit(task: TaskSpec): Promise<{ handle: string }>;
  /**
   * Optional: hands a whole gang (every replica of one attempt, all on this backend's site) over at
   * once, so the backend can start it as one unit — Slurm runs it as one multi-node job with one
   * task per replica. Returns one handle per task, in the given order; otherwise as `submit`
   * (statuses, cancel, logs and reattach stay per task). Without it, replicas are submitted one by one.
   */
  submitGang?(tasks: readonly TaskSpec[]): Promise<{ handles: string[] }>;
  cancel(taskId: string): Promise<void>;
  /** Subscribe to status changes; returns an unsubscribe function. */
  watch(listener: (status: TaskStatus) => void): () => void;
  logs(taskId: string, options?: LogOptions): AsyncIterable<string>;
  reattach(task: TaskSpec, handle: string): Promise<void>;
  /** Stop watching; running tasks keep running (they survive a control-plane restart). */
  close(): Promise<void>;
}
