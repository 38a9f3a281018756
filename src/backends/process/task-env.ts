/**
 * The environment of a task process, shared by every backend that starts processes itself
 * (local, emulated), so an emulated node gives a task exactly what a real node would.
 */
import { getVendor } from '../../vendors/registry.js';
import type { TaskSpec } from '../types.js';

/** The only variables of the control plane's own environment a task inherits. */
const INHERITED_HOST_VARIABLES = ['PATH', 'HOME', 'LANG'] as const;

export interface TaskEnvOptions {
  /** The control plane's environment (process.env); only PATH, HOME and LANG are taken from it. */
  hostEnv: Readonly<Record<string, string | undefined>>;
  /** Vendors with devices on the task's node; those the task holds none of are hidden from it. */
  nodeVendors?: readonly string[];
  /** Set last, e.g. JUNCTION_EMULATED=1. */
  extra?: Readonly<Record<string, string>>;
}

/**
 * Layers, later wins: host basics, the user's env, the vendor's visible-devices and share variables
 * (a user cannot widen the devices they were given), then the JUNCTION_* identity variables.
 * Throws when the task holds devices of a vendor Junction does not know: the scheduler never places that.
 */
export function buildTaskEnv(task: TaskSpec, options: TaskEnvOptions): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of INHERITED_HOST_VARIABLES) {
    const value = options.hostEnv[name];
    if (value !== undefined) env[name] = value;
  }
  Object.assign(env, task.env);

  const taskVendor = task.devices.length > 0 ? task.vendor : null;
  for (const vendorId of new Set(options.nodeVendors ?? [])) {
    if (vendorId !== taskVendor) Object.assign(env, getVendor(vendorId)?.taskEnv([]));
  }
  if (task.devices.length > 0) {
    const adapter = taskVendor === null ? undefined : getVendor(taskVendor);
    if (adapter === undefined) {
      throw new Error(`task ${task.taskId} holds devices of unknown vendor ${JSON.stringify(task.vendor)}`);
    }
    Object.assign(env, adapter.taskEnv(task.devices));
  }

  Object.assign(env, {
    JUNCTION_JOB_ID: task.jobId,
    JUNCTION_TASK_ID: task.taskId,
    JUNCTION_REPLICA: String(task.replica),
    JUNCTION_REPLICAS: String(task.replicas),
    JUNCTION_ATTEMPT: String(task.attempt),
    JUNCTION_NODE: task.node,
    JUNCTION_SITE: task.site,
  });
  if (task.image !== undefined) env.JUNCTION_IMAGE = task.image;
  return Object.assign(env, options.extra);
}
