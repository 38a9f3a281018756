/**
 * A Backend whose tasks are processes on this machine, watched by a ProcessSupervisor. The local and
 * emulated backends are this, with different nodes and a different environment on top.
 */
import type { NodeInfo, SiteInfo } from '../../cluster/types.js';
import type { Backend, TaskSpec } from '../types.js';
import { ProcessSupervisor } from './supervisor.js';
import { buildTaskEnv } from './task-env.js';

export interface ProcessBackendOptions {
  site: SiteInfo;
  dataDir: string;
  /** The nodes as they are now (Backend.nodes). */
  nodes: () => Promise<NodeInfo[]>;
  /** The node a task names, as last seen; undefined when this backend has no such node. */
  findNode: (name: string) => NodeInfo | undefined;
  /** Variables every task gets on top of the vendor's, e.g. JUNCTION_EMULATED=1. */
  extraEnv?: Record<string, string>;
  hostEnv?: Readonly<Record<string, string | undefined>>;
  pollIntervalMs?: number;
}

export function createProcessBackend(options: ProcessBackendOptions): Backend {
  const supervisor = new ProcessSupervisor({ dataDir: options.dataDir, pollIntervalMs: options.pollIntervalMs });
  const hostEnv = options.hostEnv ?? process.env;

  return {
    site: options.site,
    nodes: options.nodes,
    async submit(task: TaskSpec) {
      const node = options.findNode(task.node);
      if (node === undefined)
        throw new Error(`task ${task.taskId}: site ${options.site.name} has no node ${task.node}`);
      for (const allocation of task.devices) {
        if (!node.devices.some((d) => d.index === allocation.index && d.vendor === task.vendor)) {
          throw new Error(`task ${task.taskId}: node ${node.name} has no ${task.vendor} device ${allocation.index}`);
        }
      }
      const env = buildTaskEnv(task, {
        hostEnv,
        nodeVendors: node.devices.map((d) => d.vendor),
        extra: options.extraEnv,
      });
      return supervisor.submit({
        taskId: task.taskId,
        command: task.command,
        env,
        workingDir: task.workingDir,
        gracePeriodSeconds: task.gracePeriodSeconds,
        maxDurationSeconds: task.maxDurationSeconds,
      });
    },
    cancel: (taskId) => supervisor.cancel(taskId),
    watch: (listener) => supervisor.watch(listener),
    logs: (taskId, logOptions) => supervisor.logs(taskId, logOptions),
    reattach: (task, handle) => supervisor.reattach(task.taskId, handle),
    close: () => supervisor.close(),
  };
}
