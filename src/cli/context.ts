/**
 * What every command gets: the process view, a client for the chosen server, and the exit code
 * it wants (a value, so an expected outcome such as a failed job is not thrown).
 */
import { Option } from 'commander';
import type { ApiClient } from './client.js';
import type { CliIo } from './io.js';

export interface CliContext {
  io: CliIo;
  /** A client for `--server` / JUNCTION_SERVER, resolved when a command first needs it. */
  client(): ApiClient;
  exitCode: number;
}

export type OutputFormat = 'json' | 'yaml' | 'wide';

/** `-o FORMAT` restricted to the formats a command supports; commander rejects others (exit 2). */
export function outputOption(formats: OutputFormat[]): Option {
  return new Option('-o, --output <format>', 'output format').choices(formats);
}

/** Whether human output may use colour: only on a terminal, and never when NO_COLOR is set. */
export function useColor(io: CliIo): boolean {
  return io.stdout.isTTY === true && !io.env.NO_COLOR;
}
