/**
 * Submits a gang as one Slurm job (layout and GRES: ./gang-job.ts).
 *
 * Files: the gang directory (`<dataDir>/gangs/<first taskId>/`) holds the batch script, gang.json for the
 * wrappers, the job's own output (srun's messages) and its job id. Every task keeps its own task directory with
 * task.json, output.log, status.json, its handle in `job-id`, and `slurm-gang.json` naming all the gang's task
 * directories, which reattach reads so that a cancel still reaches the whole gang after a restart.
 *
 * A gang Slurm cannot allocate exactly as one job (see planGang) is submitted task by task, as without submitGang.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { taskFiles, writeJsonAtomic } from '../process/task-files.js';
import type { TaskSpec } from '../types.js';
import { jobName, type SlurmTaskFile } from './batch-job.js';
import { gangFile, gangHandle, gangSbatchArgs, gangScript, planGang } from './gang-job.js';
import type { SlurmNodeView } from './slurm-nodes.js';

const GANG_POINTER = 'slurm-gang.json';

interface GangPointer {
  taskDirs: string[];
}

export interface GangSubmitDeps {
  taskDir: (taskId: string) => string;
  gangDir: (firstTaskId: string) => string;
  placedNode: (task: TaskSpec) => Promise<SlurmNodeView>;
  taskFile: (task: TaskSpec, node: SlurmNodeView) => SlurmTaskFile;
  gresFor: (task: TaskSpec, tasksOnNode: number) => string | undefined;
  submitOne: (task: TaskSpec) => Promise<{ handle: string }>;
  sbatch: (args: string[], name: string) => Promise<string | undefined>;
  watch: (task: TaskSpec, slurmJobId: string, gangDirs: readonly string[] | undefined) => void;
  nodePath: string;
  wrapperPath: string;
  srunPath: string;
  partition?: string;
}

/** The task directories of a gang task's Slurm job; undefined for a task submitted on its own. */
export function readGangDirs(dir: string): string[] | undefined {
  const path = join(dir, GANG_POINTER);
  if (!existsSync(path)) return undefined;
  const pointer = JSON.parse(readFileSync(path, 'utf8')) as Partial<GangPointer>;
  return Array.isArray(pointer.taskDirs) ? pointer.taskDirs.filter((d) => typeof d === 'string') : [dir];
}

export async function submitGangJob(tasks: readonly TaskSpec[], deps: GangSubmitDeps): Promise<{ handles: string[] }> {
  const first = tasks[0];
  if (first === undefined) return { handles: [] };
  const dirs = tasks.map((t) => deps.taskDir(t.taskId));
  const submitted = resubmitted(tasks, dirs, deps);
  if (submitted !== undefined) return { handles: submitted };

  const nodes = await Promise.all(tasks.map((t) => deps.placedNode(t)));
  const layout = planGang(
    tasks,
    nodes.map((n) => n.slurmName),
  );
  if (typeof layout === 'string') {
    const handles: string[] = [];
    for (const task of tasks) handles.push((await deps.submitOne(task)).handle);
    return { handles };
  }

  const gangDir = deps.gangDir(first.taskId);
  mkdirSync(gangDir, { recursive: true });
  const pointer: GangPointer = { taskDirs: dirs };
  tasks.forEach((task, i) => {
    const dir = dirs[i] as string;
    const node = nodes[i] as SlurmNodeView;
    const file = deps.taskFile(task, node);
    if (file.devices !== undefined) {
      const count = task.devices.length;
      file.devices.slice = { start: (layout.members[i]?.slot ?? 0) * count, count };
    }
    mkdirSync(dir, { recursive: true });
    writeJsonAtomic(taskFiles.task(dir), file);
    writeJsonAtomic(join(dir, GANG_POINTER), pointer);
  });
  const gangFilePath = join(gangDir, 'gang.json');
  writeJsonAtomic(gangFilePath, gangFile(layout, dirs));
  const cpusPerTask = Math.ceil(first.cpuMillis / 1000);
  const scriptPath = join(gangDir, 'job.sh');
  const script = gangScript({ ...deps, gangFilePath, layout, cpusPerTask });
  writeFileSync(scriptPath, script, { mode: 0o755 });

  const name = jobName(`gang-${first.taskId}`);
  const gres = deps.gresFor(first, layout.tasksPerNode);
  const limits = tasks.map((t) => (t.maxDurationSeconds ?? Number.NaN) + t.gracePeriodSeconds);
  const timeLimitSeconds = limits.some(Number.isNaN) ? undefined : Math.max(...limits);
  const args = gangSbatchArgs(
    {
      name,
      gangDir,
      logPath: join(gangDir, 'output.log'),
      layout,
      cpusPerTask,
      memoryMiBPerTask: first.memoryMiB,
      ...(deps.partition === undefined ? {} : { partition: deps.partition }),
      ...(gres === undefined ? {} : { gresPerNode: gres }),
      ...(timeLimitSeconds === undefined ? {} : { timeLimitSeconds }),
    },
    scriptPath,
  );
  const slurmJobId = await deps.sbatch(args, name);
  if (slurmJobId === undefined) throw new Error(`gang of ${first.taskId}: sbatch printed no job id`);
  writeFileSync(join(gangDir, 'job-id'), `${slurmJobId}\n`);
  const handles = tasks.map((task, i) => {
    const handle = gangHandle(slurmJobId, task.replica);
    writeFileSync(join(dirs[i] as string, 'job-id'), `${handle}\n`);
    deps.watch(task, slurmJobId, dirs);
    return handle;
  });
  return { handles };
}

/** A gang handed over again after it was submitted: its handles, watched again; undefined if it never was. */
function resubmitted(tasks: readonly TaskSpec[], dirs: string[], deps: GangSubmitDeps): string[] | undefined {
  const paths = dirs.map((dir) => join(dir, 'job-id'));
  if (!paths.every((path) => existsSync(path))) return undefined;
  return tasks.map((task, i) => {
    const handle = readFileSync(paths[i] as string, 'utf8').trim();
    const [slurmJobId = handle] = handle.split(':');
    deps.watch(task, slurmJobId, readGangDirs(dirs[i] as string));
    return handle;
  });
}
