/**
 * `junction serve`: resolves flags, environment and the optional config file, starts the
 * server, prints where it listens and what it runs on, and stops cleanly on SIGINT/SIGTERM.
 * Running tasks keep running across a restart and are re-attached.
 */
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { ConfigError, compileConfig } from './config.js';
import { startServer } from './start.js';
import { siteSummary } from './summary.js';

export interface ServeOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  configPath?: string;
}

function envPort(): number | undefined {
  const raw = process.env.JUNCTION_PORT;
  if (raw === undefined || raw === '') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError([`JUNCTION_PORT: "${raw}" is not a port number (0-65535)`]);
  }
  return port;
}

export async function serve(options: ServeOptions): Promise<void> {
  const configPath = options.configPath ?? process.env.JUNCTION_CONFIG;
  let doc: unknown = {};
  if (configPath) {
    try {
      doc = YAML.parse(readFileSync(configPath, 'utf8'));
    } catch (error) {
      throw new ConfigError([`${configPath}: ${error instanceof Error ? error.message : String(error)}`]);
    }
  }
  const config = compileConfig(doc, {
    port: options.port ?? envPort(),
    host: options.host ?? process.env.JUNCTION_HOST,
    dataDir: options.dataDir ?? process.env.JUNCTION_DATA,
    database: process.env.JUNCTION_DATABASE_URL || undefined,
  });
  const server = await startServer(config, { logLevel: process.env.JUNCTION_LOG_LEVEL ?? 'warn' });
  process.stdout.write(siteSummary(server));
  const stop = async (signal: string) => {
    process.stdout.write(
      `\n${signal}: stopping Junction (running tasks keep running and are re-attached on restart)\n`,
    );
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
