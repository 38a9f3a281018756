/**
 * The Slurm backend: a site whose nodes and devices are a Slurm partition, and whose tasks are batch jobs.
 *
 * - nodes(): `scontrol show node -o` (limited to the partition via `sinfo`); GRES become devices (./slurm-nodes.ts).
 * - submit(): `sbatch --parsable` on the node Junction chose, with --cpus-per-task, --mem, --time and the vendor
 *   adapter's --gres; the batch script execs Junction's wrapper (./slurm-task.js), which derives the vendor's
 *   visible-devices variable from Slurm's allocation. The handle is the Slurm job id.
 * - submitGang(): the whole gang as one Slurm job, one srun task per replica (./gang-submit.ts); a task's handle
 *   is `<slurmJobId>:<replica>`. Each task keeps its own task directory, so watch/logs/cancel/reattach stay per task.
 * - watch/cancel/reattach: ./job-watcher.ts. logs(): the job's output file under the task directory.
 *
 * Task directories (`<dataDir>/tasks/<taskId>/`) must be on a file system the compute nodes share.
 * A submit that fails because slurmctld is unreachable throws SlurmUnavailableError and starts nothing; a
 * repeated submit of the same task returns the job already submitted.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NodeInfo, SiteInfo } from '../../cluster/types.js';
import { getVendor } from '../../vendors/registry.js';
import { readLogFile } from '../log-file.js';
import { buildTaskEnv } from '../process/task-env.js';
import { taskFiles, writeJsonAtomic } from '../process/task-files.js';
import type { Backend, TaskSpec } from '../types.js';
import { batchScript, jobName, parseJobId, type SlurmTaskFile, sbatchArgs } from './batch-job.js';
import { DEFAULT_COMMANDS, type SlurmCommandPaths, type SlurmRun, slurmRunner } from './commands.js';
import { SlurmCommandError } from './errors.js';
import { parseHandle } from './gang-job.js';
import { readGangDirs, submitGangJob } from './gang-submit.js';
import { SlurmJobWatcher } from './job-watcher.js';
import { nodeView, parseNodeRecords, type SlurmNodeView } from './slurm-nodes.js';

const WRAPPER_PATH = fileURLToPath(new URL('./slurm-task.js', import.meta.url));
/** Task ids name directories and job names; nothing that could climb out of `<dataDir>/tasks/`. */
const SAFE_TASK_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

export interface SlurmBackendOptions {
  site: SiteInfo;
  /** Task directories live under `<dataDir>/tasks/`; the compute nodes must see the same path. */
  dataDir: string;
  /** Only this partition's nodes, and jobs go to it; default: every node, Slurm's default partition. */
  partition?: string;
  commands?: Partial<SlurmCommandPaths>;
  /** SLURM_CONF for every command; default: this process's SLURM_CONF, else Slurm's own default. */
  slurmConf?: string;
  /** Whether slurmdbd runs, so sacct knows jobs slurmctld has forgotten (default false). */
  accounting?: boolean;
  /** Shards per device in gres.conf (default: the vendors' convention, 100). */
  shardsPerDevice?: number;
  pollIntervalMs?: number;
  /** Longest a Slurm command may run (default 30 s); one that is cut off may or may not have acted. */
  commandTimeoutMs?: number;
  /** The node binary the compute nodes run the wrapper with (default: this one). */
  nodePath?: string;
  hostEnv?: Readonly<Record<string, string | undefined>>;
  /** Told about failed polls and background commands; the backend keeps going. */
  onError?: (error: Error) => void;
}

export async function createSlurmBackend(options: SlurmBackendOptions): Promise<Backend> {
  const { site, dataDir } = options;
  const hostEnv = options.hostEnv ?? process.env;
  const run: SlurmRun = slurmRunner({
    paths: { ...DEFAULT_COMMANDS, ...options.commands },
    slurmConf: options.slurmConf ?? hostEnv.SLURM_CONF,
    path: hostEnv.PATH,
    timeoutMs: options.commandTimeoutMs ?? 30_000,
  });
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const watcher = new SlurmJobWatcher({
    run,
    pollIntervalMs,
    accounting: options.accounting ?? false,
    now: Date.now,
    onPollError: options.onError,
  });
  let views = new Map<string, SlurmNodeView>();

  async function refreshNodes(): Promise<SlurmNodeView[]> {
    const text = await run('scontrol', ['show', 'node', '-o']);
    let records = parseNodeRecords(text);
    if (options.partition !== undefined) {
      const names = await run('sinfo', ['-h', '-N', '-p', options.partition, '-o', '%N']);
      const wanted = new Set(names.split('\n').map((n) => n.trim()));
      records = records.filter((r) => wanted.has(r.name));
    }
    const fresh = records.map((r) => nodeView(r, site.name));
    views = new Map(fresh.map((v) => [v.info.name, v]));
    return fresh;
  }

  async function findNode(name: string): Promise<SlurmNodeView | undefined> {
    if (!views.has(name)) await refreshNodes();
    return views.get(name);
  }

  function taskDir(taskId: string): string {
    if (!SAFE_TASK_ID.test(taskId)) throw new Error(`task id ${JSON.stringify(taskId)} is not a safe directory name`);
    return taskFiles.dir(dataDir, taskId);
  }

  function taskFile(task: TaskSpec, node: SlurmNodeView): SlurmTaskFile {
    const nodeVendors = node.info.devices.map((d) => d.vendor);
    const env = buildTaskEnv({ ...task, vendor: null, devices: [] }, { hostEnv, nodeVendors });
    const file: SlurmTaskFile = { command: task.command, env, gracePeriodSeconds: task.gracePeriodSeconds };
    if (task.workingDir !== undefined) file.workingDir = task.workingDir;
    if (task.maxDurationSeconds !== undefined) file.maxDurationSeconds = task.maxDurationSeconds;
    const adapter = task.vendor === null ? undefined : getVendor(task.vendor);
    if (task.devices.length === 0 || adapter === undefined || task.vendor === null) return file;
    // Share limits do not depend on which device Slurm picks; the visible devices do, so the wrapper sets those.
    const visible = new Set(adapter.visibleDevicesVariables);
    for (const [name, value] of Object.entries(adapter.taskEnv(task.devices)))
      if (!visible.has(name)) env[name] = value;
    const slurmToLocal: Record<string, number> = {};
    for (const [local, global] of node.gpuIndex.get(task.vendor) ?? []) slurmToLocal[String(global)] = local;
    file.devices = { vendor: task.vendor, slurmToLocal };
    return file;
  }

  /** The GRES of `tasksOnNode` such tasks on one node. */
  function gresFor(task: TaskSpec, tasksOnNode = 1): string | undefined {
    if (task.devices.length === 0) return undefined;
    const adapter = task.vendor === null ? undefined : getVendor(task.vendor);
    if (adapter === undefined) throw new Error(`task ${task.taskId} holds devices of unknown vendor ${task.vendor}`);
    const first = task.devices[0];
    const model = task.model ?? undefined;
    const share =
      first && !first.whole ? { memoryMiB: first.memoryMiB, computePercent: first.computePercent } : undefined;
    return adapter.slurmGres({
      count: task.devices.length * tasksOnNode,
      ...(model === undefined ? {} : { model }),
      ...(share === undefined ? {} : { share }),
      ...(options.shardsPerDevice === undefined ? {} : { shardsPerDevice: options.shardsPerDevice }),
    });
  }

  /** After an sbatch that was cut off, the job may exist: find it by its name rather than submit twice. */
  async function findSubmitted(name: string): Promise<string | undefined> {
    const out = await run('squeue', ['-h', '--states=all', `--name=${name}`, '-o', '%i']);
    return out
      .split('\n')
      .map((l) => l.trim())
      .find((l) => /^\d+$/.test(l));
  }

  async function sbatch(args: string[], name: string): Promise<string | undefined> {
    try {
      return parseJobId(await run('sbatch', args));
    } catch (error) {
      const cutOff = error instanceof SlurmCommandError && error.failure.exitCode === null;
      const jobId = cutOff ? await findSubmitted(name) : undefined;
      if (jobId === undefined) throw error;
      return jobId;
    }
  }

  function watchJob(task: TaskSpec, jobId: string, announceRunning: boolean, gangDirs?: readonly string[]): void {
    watcher.track({
      taskId: task.taskId,
      jobId,
      dir: taskDir(task.taskId),
      gracePeriodSeconds: task.gracePeriodSeconds,
      ...(task.maxDurationSeconds === undefined ? {} : { maxDurationSeconds: task.maxDurationSeconds }),
      announceRunning,
      ...(gangDirs === undefined ? {} : { gangDirs }),
    });
  }

  /** The node a task was placed on, checked against what Slurm reports. */
  async function placedNode(task: TaskSpec): Promise<SlurmNodeView> {
    const prefix = `${site.name}/`;
    if (!task.node.startsWith(prefix))
      throw new Error(`task ${task.taskId}: node ${task.node} is not in site ${site.name}`);
    const node = await findNode(task.node);
    if (node === undefined) throw new Error(`task ${task.taskId}: site ${site.name} has no node ${task.node}`);
    for (const allocation of task.devices) {
      if (!node.info.devices.some((d) => d.index === allocation.index && d.vendor === task.vendor)) {
        throw new Error(`task ${task.taskId}: node ${task.node} has no ${task.vendor} device ${allocation.index}`);
      }
    }
    return node;
  }

  async function submit(task: TaskSpec): Promise<{ handle: string }> {
    const dir = taskDir(task.taskId);
    const jobIdPath = join(dir, 'job-id');
    if (existsSync(jobIdPath)) {
      const jobId = readFileSync(jobIdPath, 'utf8').trim();
      watchJob(task, jobId, true);
      return { handle: jobId };
    }
    const node = await placedNode(task);
    const gres = gresFor(task);
    mkdirSync(dir, { recursive: true });
    writeJsonAtomic(taskFiles.task(dir), taskFile(task, node));
    const scriptPath = join(dir, 'job.sh');
    writeFileSync(scriptPath, batchScript(options.nodePath ?? process.execPath, WRAPPER_PATH, dir), { mode: 0o755 });
    const args = sbatchArgs(
      {
        taskId: task.taskId,
        taskDir: dir,
        logPath: taskFiles.log(dir),
        slurmNode: node.slurmName,
        ...(options.partition === undefined ? {} : { partition: options.partition }),
        cpus: Math.ceil(task.cpuMillis / 1000),
        memoryMiB: task.memoryMiB,
        ...(gres === undefined ? {} : { gres }),
        ...(task.maxDurationSeconds === undefined ? {} : { maxDurationSeconds: task.maxDurationSeconds }),
        gracePeriodSeconds: task.gracePeriodSeconds,
      },
      scriptPath,
    );
    const jobId = await sbatch(args, jobName(task.taskId));
    if (jobId === undefined) throw new Error(`task ${task.taskId}: sbatch printed no job id`);
    writeFileSync(jobIdPath, `${jobId}\n`);
    watchJob(task, jobId, true);
    return { handle: jobId };
  }

  return {
    site,
    async nodes(): Promise<NodeInfo[]> {
      return (await refreshNodes()).map((v) => structuredClone(v.info));
    },
    submit,
    submitGang: (tasks) =>
      submitGangJob(tasks, {
        taskDir,
        gangDir: (taskId) => join(dataDir, 'gangs', taskId),
        placedNode,
        taskFile,
        gresFor,
        submitOne: submit,
        sbatch,
        watch: (task, jobId, gangDirs) => watchJob(task, jobId, true, gangDirs),
        nodePath: options.nodePath ?? process.execPath,
        wrapperPath: WRAPPER_PATH,
        srunPath: { ...DEFAULT_COMMANDS, ...options.commands }.srun,
        ...(options.partition === undefined ? {} : { partition: options.partition }),
      }),
    cancel: (taskId) => watcher.cancel(taskId),
    watch: (listener) => watcher.watch(listener),
    logs: (taskId, logOptions = {}) =>
      readLogFile(taskFiles.log(taskDir(taskId)), {
        ...logOptions,
        ended: () => !watcher.isWatching(taskId),
        pollIntervalMs: Math.min(pollIntervalMs, 200),
      }),
    async reattach(task, handle) {
      if (watcher.knows(task.taskId)) return;
      const parsed = parseHandle(handle);
      if (parsed === undefined) {
        watcher.report({
          taskId: task.taskId,
          state: 'lost',
          message: `unreadable Slurm job handle ${JSON.stringify(handle)}`,
          at: Date.now(),
        });
        return;
      }
      const dir = taskDir(task.taskId);
      const gangDirs = parsed.replica === undefined ? undefined : (readGangDirs(dir) ?? [dir]);
      watchJob(task, parsed.jobId, false, gangDirs);
    },
    close: () => watcher.close(),
  };
}
