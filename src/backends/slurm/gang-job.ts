/**
 * A gang as one Slurm job: which tasks run on which node, the sbatch arguments, the batch script, the layout
 * file the wrappers read, and the per-task handles. Pure.
 *
 * Layout: `--nodes=N --nodelist=<the gang's nodes> --ntasks=R --ntasks-per-node=R/N`, and the batch script execs
 * one `srun` that starts the wrapper once per task. srun places tasks on nodes in Slurm's own node order, so a
 * wrapper does not trust SLURM_PROCID: it finds its task in the layout by SLURMD_NODENAME and SLURM_LOCALID.
 *
 * GRES: one `--gres` per node covering every task there (2 replicas × 2 DCUs → `gpu:k100_ai:4`). The step gets
 * the node's whole allocation and each wrapper keeps its own slice of it by local task id. We do not use
 * `--gpus-per-task`: in 22.05 it cannot carry shards, it needs cgroup task binding to fence tasks, and its
 * step-level inheritance differs between releases; a slice taken by the wrapper is the same everywhere.
 */
import type { TaskSpec } from '../types.js';
import { shellQuote } from './batch-job.js';

/** Slack on Slurm's own time limit, which only backs up each wrapper's exact maxDuration. */
const TIME_LIMIT_SLACK_SECONDS = 60;

export interface GangLayout {
  /** Slurm node names, in the order the gang first names them. */
  nodes: string[];
  tasksPerNode: number;
  /** Per task (in the given order): its node and its slot among the node's tasks (= SLURM_LOCALID). */
  members: { slurmNode: string; slot: number }[];
}

/** What the wrappers read (gang.json): per Slurm node, the task directories by local task id. */
export interface GangFile {
  nodes: Record<string, string[]>;
}

/**
 * The layout, or why the gang cannot be one Slurm job with the exact resources of its tasks: tasks of
 * different shapes, or different task counts per node (Slurm allocates a uniform count per node only).
 */
export function planGang(tasks: readonly TaskSpec[], slurmNodes: readonly string[]): GangLayout | string {
  const first = tasks[0];
  if (first === undefined) return 'an empty gang';
  const shape = (t: TaskSpec) =>
    JSON.stringify([
      t.vendor,
      t.model,
      t.devices.length,
      t.devices.map((d) => (d.whole ? 'whole' : `${d.memoryMiB}:${d.computePercent}`)),
      Math.ceil(t.cpuMillis / 1000),
      t.memoryMiB,
    ]);
  if (tasks.some((t) => shape(t) !== shape(first))) return 'its tasks ask for different resources';
  const perNode = new Map<string, number>();
  const members = tasks.map((_, i) => {
    const slurmNode = slurmNodes[i] ?? '';
    const slot = perNode.get(slurmNode) ?? 0;
    perNode.set(slurmNode, slot + 1);
    return { slurmNode, slot };
  });
  const counts = new Set(perNode.values());
  if (counts.size !== 1) return 'its nodes hold different numbers of tasks';
  const tasksPerNode = tasks.length / perNode.size;
  if (tasksPerNode > 1 && first.devices.some((d) => !d.whole)) return 'device shares of several tasks on one node';
  return { nodes: [...perNode.keys()], tasksPerNode, members };
}

export function gangFile(layout: GangLayout, taskDirs: readonly string[]): GangFile {
  const nodes: Record<string, string[]> = {};
  layout.members.forEach((m, i) => {
    const dirs = nodes[m.slurmNode] ?? [];
    dirs[m.slot] = taskDirs[i] ?? '';
    nodes[m.slurmNode] = dirs;
  });
  return { nodes };
}

export interface GangJobRequest {
  name: string;
  gangDir: string;
  logPath: string;
  layout: GangLayout;
  partition?: string;
  cpusPerTask: number;
  memoryMiBPerTask: number;
  /** GRES for one node, covering all its tasks. */
  gresPerNode?: string;
  /** The longest maxDuration + grace period of the gang's tasks, if every task has a maxDuration. */
  timeLimitSeconds?: number;
}

export function gangSbatchArgs(request: GangJobRequest, scriptPath: string): string[] {
  const { layout } = request;
  const args = [
    '--parsable',
    `--job-name=${request.name}`,
    `--nodelist=${layout.nodes.join(',')}`,
    `--nodes=${layout.nodes.length}`,
    `--ntasks=${layout.members.length}`,
    `--ntasks-per-node=${layout.tasksPerNode}`,
    `--cpus-per-task=${Math.max(1, request.cpusPerTask)}`,
    // --mem is per node; every node holds tasksPerNode tasks.
    `--mem=${Math.max(1, Math.ceil(request.memoryMiBPerTask)) * layout.tasksPerNode}M`,
    `--output=${request.logPath}`,
    `--error=${request.logPath}`,
    '--open-mode=append',
    `--chdir=${request.gangDir}`,
    '--export=ALL',
  ];
  if (request.partition !== undefined) args.push(`--partition=${request.partition}`);
  if (request.gresPerNode !== undefined && request.gresPerNode !== '') args.push(`--gres=${request.gresPerNode}`);
  if (request.timeLimitSeconds !== undefined)
    args.push(`--time=${Math.ceil((request.timeLimitSeconds + TIME_LIMIT_SLACK_SECONDS) / 60)}`);
  args.push(scriptPath);
  return args;
}

export interface GangScriptRequest {
  srunPath: string;
  nodePath: string;
  wrapperPath: string;
  gangFilePath: string;
  layout: GangLayout;
  cpusPerTask: number;
}

/**
 * Non-zero exits must not end the other tasks (each reports its own exit code), so --kill-on-bad-exit=0;
 * srun's CPUs per task are explicit because 22.05's srun no longer takes them from the job.
 */
export function gangScript(request: GangScriptRequest): string {
  const { layout } = request;
  const argv = [
    request.srunPath,
    `--ntasks=${layout.members.length}`,
    `--ntasks-per-node=${layout.tasksPerNode}`,
    `--cpus-per-task=${Math.max(1, request.cpusPerTask)}`,
    '--kill-on-bad-exit=0',
    '--export=ALL',
    request.nodePath,
    request.wrapperPath,
    '--gang',
    request.gangFilePath,
  ];
  return `#!/bin/sh\n# Junction gang: the wrapper finds its task in gang.json; commands and environments are in task.json\nexec ${argv.map(shellQuote).join(' ')}\n`;
}

/** A gang task's handle: the Slurm job and the replica, `<slurmJobId>:<replica>`. */
export function gangHandle(slurmJobId: string, replica: number): string {
  return `${slurmJobId}:${replica}`;
}

/** A handle's Slurm job id and, for a gang task, its replica; undefined when unreadable. */
export function parseHandle(handle: string): { jobId: string; replica?: number } | undefined {
  const match = /^(\d+)(?::(\d+))?$/.exec(handle);
  if (match === null || match[1] === undefined) return undefined;
  return match[2] === undefined ? { jobId: match[1] } : { jobId: match[1], replica: Number(match[2]) };
}
