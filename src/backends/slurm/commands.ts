/**
 * Runs Slurm's client commands. Every call is an argument vector (execFile, no shell), with a bounded run time
 * and SLURM_CONF set, and every failure is one of the two errors in ./errors.ts.
 */
import { execFile } from 'node:child_process';
import { SlurmCommandError, type SlurmCommandFailure, SlurmUnavailableError } from './errors.js';

export interface SlurmCommandPaths {
  sbatch: string;
  squeue: string;
  scancel: string;
  sacct: string;
  scontrol: string;
  sinfo: string;
  /** Run by a gang's batch script on the compute node, not here. */
  srun: string;
}

export const DEFAULT_COMMANDS: SlurmCommandPaths = {
  sbatch: 'sbatch',
  squeue: 'squeue',
  scancel: 'scancel',
  sacct: 'sacct',
  scontrol: 'scontrol',
  sinfo: 'sinfo',
  srun: 'srun',
};

/** What Slurm's clients print when slurmctld does not answer (they retry for a few seconds first). */
const UNREACHABLE =
  /Unable to contact slurm controller|Socket timed out|Connection refused|Zero Bytes were transmitted|Communication connection failure/i;

export interface SlurmRunnerOptions {
  paths: SlurmCommandPaths;
  /** SLURM_CONF for every command; undefined leaves Slurm's default (/etc/slurm/slurm.conf). */
  slurmConf?: string;
  /** PATH the commands run with. */
  path?: string;
  timeoutMs: number;
}

export type SlurmRun = (command: keyof SlurmCommandPaths, args: readonly string[]) => Promise<string>;

/** A function that runs one Slurm command and resolves to its stdout. */
export function slurmRunner(options: SlurmRunnerOptions): SlurmRun {
  const env: Record<string, string> = { PATH: options.path ?? process.env.PATH ?? '/usr/bin:/bin' };
  if (options.slurmConf !== undefined) env.SLURM_CONF = options.slurmConf;
  return (command, args) =>
    new Promise((resolve, reject) => {
      const file = options.paths[command];
      execFile(
        file,
        args,
        { env, timeout: options.timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
        (error, stdout, stderr) => {
          if (!error) {
            resolve(stdout);
            return;
          }
          const code = (error as NodeJS.ErrnoException & { code?: unknown }).code;
          const failure: SlurmCommandFailure = {
            command: file,
            args,
            exitCode: typeof code === 'number' ? code : null,
            stderr: stderr || error.message,
          };
          reject(
            UNREACHABLE.test(stderr)
              ? new SlurmUnavailableError(failure, { cause: error })
              : new SlurmCommandError(failure, { cause: error }),
          );
        },
      );
    });
}
