/**
 * Where the CLI finds its token, first match wins:
 *   1. JUNCTION_TOKEN (or --token);
 *   2. the credentials file `junction login` wrote for this server
 *      ($JUNCTION_CONFIG_DIR, else $XDG_CONFIG_HOME/junction, else ~/.config/junction; mode 0600);
 *   3. for a server on this machine, the embedded default's admin token in its data dir
 *      (--data, JUNCTION_DATA, else ./.junction), so the quick start needs no login.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

const ADMIN_TOKEN_FILE = 'admin-token';

export function credentialsPath(env: Env): string {
  const dir = env.JUNCTION_CONFIG_DIR ?? join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'junction');
  return join(dir, 'credentials.json');
}

interface CredentialsFile {
  servers: Record<string, { token: string; savedAt: string }>;
}

function readCredentials(path: string): CredentialsFile {
  if (!existsSync(path)) return { servers: {} };
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as CredentialsFile;
    return parsed && typeof parsed.servers === 'object' ? parsed : { servers: {} };
  } catch {
    return { servers: {} };
  }
}

export function saveCredential(env: Env, server: string, token: string, now: Date): string {
  const path = credentialsPath(env);
  const file = readCredentials(path);
  file.servers[server] = { token, savedAt: now.toISOString() };
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return path;
}

/** Forgets this server's token; true when there was one. */
export function removeCredential(env: Env, server: string): boolean {
  const path = credentialsPath(env);
  const file = readCredentials(path);
  if (!(server in file.servers)) return false;
  delete file.servers[server];
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  return true;
}

function isLocal(server: string): boolean {
  try {
    const host = new URL(server).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  } catch {
    return false;
  }
}

export interface FoundToken {
  token: string;
  /** Where it came from, for `junction whoami`. */
  source: string;
}

export function findToken(options: {
  server: string;
  env: Env;
  flag?: string;
  dataDir?: string;
}): FoundToken | undefined {
  if (options.flag) return { token: options.flag, source: '--token' };
  if (options.env.JUNCTION_TOKEN) return { token: options.env.JUNCTION_TOKEN.trim(), source: 'JUNCTION_TOKEN' };
  const saved = readCredentials(credentialsPath(options.env)).servers[options.server];
  if (saved) return { token: saved.token, source: credentialsPath(options.env) };
  if (!isLocal(options.server)) return undefined;
  const dataDir = resolve(options.dataDir ?? options.env.JUNCTION_DATA ?? '.junction');
  const adminFile = join(dataDir, ADMIN_TOKEN_FILE);
  if (existsSync(adminFile)) {
    try {
      return { token: readFileSync(adminFile, 'utf8').trim(), source: adminFile };
    } catch {
      return undefined; // not readable by this user: fall through to "log in"
    }
  }
  return undefined;
}
