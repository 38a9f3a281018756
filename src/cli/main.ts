/**
 * The `junction` command: builds the command tree and turns every outcome into an exit code.
 *
 * Exit codes (scripts may rely on them):
 *   0    success
 *   1    the server failed, or an unexpected error
 *   2    usage error (unknown command or flag, bad value, unreadable file) or an invalid job spec
 *   3    not found (the server answered 404)
 *   4    cannot reach the server
 *   5    not signed in, or not allowed (the server answered 401 or 403)
 *   130  stopped with Ctrl-C while following (the job keeps running)
 *   `submit --follow` exits with the job's outcome instead: 0 Succeeded, the job's exit code when
 *   it Failed (1 when it has none), 130 when it was Cancelled.
 *
 * Output: results go to stdout (with `-o json` nothing else does); errors go to stderr as `error: ...`.
 */
import { Command, InvalidArgumentError } from 'commander';
import { ApiClient } from './client.js';
import { registerAccessCommands } from './commands/access.js';
import { registerClusterCommands } from './commands/cluster.js';
import { registerCompatCommands } from './commands/compat.js';
import { registerJobCommands } from './commands/jobs.js';
import { registerPlan } from './commands/plan.js';
import { registerServe } from './commands/serve.js';
import { registerSimCommands } from './commands/sim.js';
import { registerSpecCommands } from './commands/spec.js';
import { registerSubmit } from './commands/submit.js';
import { registerVersion } from './commands/version.js';
import type { CliContext } from './context.js';
import { findToken } from './credentials.js';
import { EXIT, report, UsageError } from './errors.js';
import { type CliIo, processIo } from './io.js';
import { parseServerUrl } from './parse-args.js';

export const DEFAULT_SERVER = 'http://127.0.0.1:8420';

/** The server to talk to: `--server`, else JUNCTION_SERVER, else the local default. */
export function resolveServer(flag: string | undefined, env: CliIo['env']): string {
  if (flag) return flag;
  const fromEnv = env.JUNCTION_SERVER;
  if (!fromEnv) return DEFAULT_SERVER;
  try {
    return parseServerUrl(fromEnv);
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw new UsageError(`JUNCTION_SERVER: ${error.message}`);
    throw error;
  }
}

function buildProgram(ctx: CliContext, io: CliIo): Command {
  const program = new Command('junction')
    .description("Run AI jobs on any vendor's accelerators.")
    .option('--server <url>', `Junction server (default $JUNCTION_SERVER or ${DEFAULT_SERVER})`, parseServerUrl)
    .option('--token <token>', 'API token (default $JUNCTION_TOKEN, then `junction login`, then the local admin token)')
    .option(
      '--data <dir>',
      "the local server's data dir, to find its admin token (default $JUNCTION_DATA or .junction)",
    )
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(add --help for usage)');
  registerServe(program);
  registerSubmit(program, ctx);
  registerJobCommands(program, ctx);
  registerClusterCommands(program, ctx);
  registerSpecCommands(program, ctx);
  registerCompatCommands(program, ctx);
  registerPlan(program, ctx);
  registerSimCommands(program, ctx);
  registerVersion(program, ctx);
  registerAccessCommands(program, ctx);
  return program;
}

/** Runs the command line `argv` (in process.argv form: node, script, args...) and returns the exit code. */
export async function run(argv: string[], io: CliIo = processIo()): Promise<number> {
  let client: ApiClient | undefined;
  const ctx: CliContext = {
    io,
    client: () => {
      const opts = program.opts<{ server?: string; token?: string; data?: string }>();
      const server = resolveServer(opts.server, io.env);
      const found = findToken({ server, env: io.env, flag: opts.token, dataDir: opts.data });
      client ??= new ApiClient(server, fetch, found?.token);
      return client;
    },
    exitCode: EXIT.ok,
  };
  const program = buildProgram(ctx, io);
  try {
    await program.parseAsync(argv);
    return ctx.exitCode;
  } catch (error) {
    const { exitCode, lines } = report(error);
    for (const line of lines) io.stderr.write(`${line}\n`);
    return exitCode;
  }
}

/** Entry point used by bin/junction.js. Sets process.exitCode and lets the process end on its own. */
export async function main(argv: string[]): Promise<void> {
  process.exitCode = await run(argv);
}
