/**
 * The two ways a Slurm command fails, as the control plane needs to tell them apart: the controller could not be
 * reached (retry later; nothing was changed), or Slurm answered and refused (the request itself is at fault).
 */

export interface SlurmCommandFailure {
  command: string;
  args: readonly string[];
  exitCode: number | null;
  stderr: string;
}

/** slurmctld did not answer: the request was not carried out and may be retried when it is back. */
export class SlurmUnavailableError extends Error {
  override readonly name = 'SlurmUnavailableError';
  readonly retryable = true;
  constructor(
    readonly failure: SlurmCommandFailure,
    options?: { cause?: unknown },
  ) {
    super(`Slurm controller unreachable (${failure.command}): ${firstLine(failure.stderr)}`, options);
  }
}

/** Slurm answered and refused, or the command could not run at all. */
export class SlurmCommandError extends Error {
  override readonly name = 'SlurmCommandError';
  readonly retryable = false;
  constructor(
    readonly failure: SlurmCommandFailure,
    options?: { cause?: unknown },
  ) {
    const status = failure.exitCode === null ? 'did not finish' : `exited with ${failure.exitCode}`;
    super(`${failure.command} ${status}: ${firstLine(failure.stderr) || '(no message)'}`, options);
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
