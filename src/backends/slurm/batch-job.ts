/**
 * What Junction hands to sbatch for one task: the argument vector, the batch script, and the task file the
 * wrapper (./slurm-task.js) reads on the compute node. Pure.
 *
 * The user's command never appears in shell text: it travels as a JSON argument vector in the task file, and
 * the batch script only execs the wrapper with three fixed, quoted paths.
 */
/** The task file (task.json) the wrapper reads. */
export interface SlurmTaskFile {
  command: string[];
  /** Everything but the devices' visible variables, which the wrapper derives from Slurm's allocation. */
  env: Record<string, string>;
  workingDir?: string;
  gracePeriodSeconds: number;
  maxDurationSeconds?: number;
  devices?: {
    vendor: string;
    /** Slurm's node-global GPU index → the vendor's own index on this node. */
    slurmToLocal: Record<string, number>;
    /** A gang task's own devices among its node's allocation: vendor-local indices, sorted, from `start`. */
    slice?: { start: number; count: number };
  };
}

export interface BatchJobRequest {
  taskId: string;
  taskDir: string;
  logPath: string;
  slurmNode: string;
  partition?: string;
  cpus: number;
  memoryMiB: number;
  gres?: string;
  maxDurationSeconds?: number;
  gracePeriodSeconds: number;
}

/** Slack on Slurm's own time limit, which only backs up the wrapper's exact maxDuration. */
const TIME_LIMIT_SLACK_SECONDS = 60;

export function jobName(taskId: string): string {
  return `junction-${taskId}`;
}

export function sbatchArgs(request: BatchJobRequest, scriptPath: string): string[] {
  const args = [
    '--parsable',
    `--job-name=${jobName(request.taskId)}`,
    `--nodelist=${request.slurmNode}`,
    '--nodes=1',
    '--ntasks=1',
    `--cpus-per-task=${Math.max(1, request.cpus)}`,
    `--mem=${Math.max(1, Math.ceil(request.memoryMiB))}M`,
    `--output=${request.logPath}`,
    `--error=${request.logPath}`,
    '--open-mode=append',
    `--chdir=${request.taskDir}`,
    '--export=ALL',
  ];
  if (request.partition !== undefined) args.push(`--partition=${request.partition}`);
  if (request.gres !== undefined && request.gres !== '') args.push(`--gres=${request.gres}`);
  if (request.maxDurationSeconds !== undefined) {
    const seconds = request.maxDurationSeconds + request.gracePeriodSeconds + TIME_LIMIT_SLACK_SECONDS;
    args.push(`--time=${Math.ceil(seconds / 60)}`);
  }
  args.push(scriptPath);
  return args;
}

/** POSIX single quoting: safe for any string without a NUL. */
export function shellQuote(value: string): string {
  if (value.includes('\0')) throw new Error('a NUL byte cannot be passed through a shell script');
  return `'${value.replaceAll("'", `'"'"'`)}'`;
}

export function batchScript(nodePath: string, wrapperPath: string, taskDir: string): string {
  return `#!/bin/sh\n# Junction task: the command and its environment are in task.json\nexec ${[nodePath, wrapperPath, taskDir].map(shellQuote).join(' ')}\n`;
}

/** `sbatch --parsable` prints `<id>` or `<id>;<cluster>`. */
export function parseJobId(stdout: string): string | undefined {
  const id = stdout.trim().split(';')[0] ?? '';
  return /^\d+$/.test(id) ? id : undefined;
}
