/**
 * How failures become exit codes and stderr lines. The codes are listed in main.ts.
 */
import { CommanderError } from 'commander';
import type { SpecIssue } from '../spec/types.js';
import { ApiClientError, ServerUnreachableError } from './client.js';

export const EXIT = {
  ok: 0,
  error: 1,
  usage: 2,
  notFound: 3,
  unreachable: 4,
  unauthorized: 5,
  interrupted: 130,
} as const;

/** The user asked for something the CLI cannot do as asked (bad flag value, unreadable file). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Statuses where the server rejected what was sent, as opposed to failing itself. */
const REJECTED_INPUT = new Set([400, 413, 415, 422]);

export const UNREACHABLE_HINT = 'is `junction serve` running? set --server or JUNCTION_SERVER';

/** `path: message (hint)`, one line per issue. */
export function formatIssue(issue: SpecIssue): string {
  return `${issue.path || '(root)'}: ${issue.message}${issue.hint ? ` (${issue.hint})` : ''}`;
}

export interface Reported {
  exitCode: number;
  /** Lines for stderr, each already prefixed as the user should see it. */
  lines: string[];
}

/** Maps anything thrown by a command to an exit code and what to tell the user. */
export function report(error: unknown): Reported {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help) through the configured output.
    const shownOnRequest =
      error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0;
    return { exitCode: shownOnRequest ? EXIT.ok : EXIT.usage, lines: [] };
  }
  if (error instanceof UsageError) return { exitCode: EXIT.usage, lines: [`error: ${error.message}`] };
  if (error instanceof ServerUnreachableError) {
    return { exitCode: EXIT.unreachable, lines: [`error: ${error.message}`, `hint: ${UNREACHABLE_HINT}`] };
  }
  if (error instanceof ApiClientError) {
    const lines = [`error: ${error.message}`, ...error.issues.map(formatIssue)];
    if (error.status === 404) return { exitCode: EXIT.notFound, lines };
    if (error.status === 401 || error.status === 403) return { exitCode: EXIT.unauthorized, lines };
    if (error.issues.length > 0 || REJECTED_INPUT.has(error.status)) return { exitCode: EXIT.usage, lines };
    return { exitCode: EXIT.error, lines };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { exitCode: EXIT.error, lines: [`error: ${message}`] };
}
