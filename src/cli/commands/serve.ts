/**
 * `junction serve`: starts the control plane. The server module is imported only here, so the
 * other commands start fast. Unset flags stay unset: the server applies its env defaults.
 */
import type { Command } from 'commander';
import type { ServeOptions } from '../../server/serve.js';
import { UsageError } from '../errors.js';
import { parsePort } from '../parse-args.js';

interface ServeFlags {
  port?: number;
  host?: string;
  data?: string;
  config?: string;
}

export function serveOptions(flags: ServeFlags): ServeOptions {
  const options: ServeOptions = {};
  if (flags.port !== undefined) options.port = flags.port;
  if (flags.host !== undefined) options.host = flags.host;
  if (flags.data !== undefined) options.dataDir = flags.data;
  if (flags.config !== undefined) options.configPath = flags.config;
  return options;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the Junction server (API, scheduler, backends); --data sets its data directory')
    .option('--port <n>', 'port to listen on (default JUNCTION_PORT or 8420)', parsePort)
    .option('--host <host>', 'address to listen on (default JUNCTION_HOST or 127.0.0.1)')
    .option('--config <file>', 'config file (sites, queues)')
    .action(async (flags: ServeFlags) => {
      // --data is a global option: the same flag tells other commands where the admin token is.
      const data = program.opts<{ data?: string }>().data;
      if (data !== undefined) flags.data = data;
      const [{ serve }, { ConfigError }] = await Promise.all([
        import('../../server/serve.js'),
        import('../../server/config.js'),
      ]);
      try {
        await serve(serveOptions(flags));
      } catch (error) {
        // A config the server refuses is the user's to fix, like a bad flag.
        if (error instanceof ConfigError) throw new UsageError(error.message, { cause: error });
        throw error;
      }
    });
}
