/**
 * Starts real Junction server processes and runs the real `junction` CLI for end-to-end tests.
 * Nothing is mocked: each server is `bin/junction.js serve` on a free port with its own data dir.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'junction.js');

export interface ServerProcess {
  url: string;
  dataDir: string;
  process: ChildProcess;
  output: () => string;
  /** SIGTERM and wait for exit. */
  stop(): Promise<void>;
  /** SIGKILL and wait for exit: a crash. */
  crash(): Promise<void>;
}

/**
 * The admin token of each server these helpers started, by URL: `cli` and `api` send it unless a
 * test passes its own token (or `null` for none), so tests about other things need not sign in.
 */
const adminTokens = new Map<string, string>();

/** The admin token a started server wrote to its data dir. */
export function adminToken(server: string): string {
  const token = adminTokens.get(server);
  if (!token) throw new Error(`no admin token known for ${server}`);
  return token;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `junction-${prefix}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export async function startServer(options: { dataDir?: string; config?: string } = {}): Promise<ServerProcess> {
  const dataDir = options.dataDir ?? tempDir('data');
  const args = [BIN, 'serve', '--port', '0', '--data', dataDir];
  if (options.config) {
    const path = join(dataDir, 'config.yaml');
    writeFileSync(path, options.config);
    args.push('--config', path);
  }
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, JUNCTION_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start in 60 s:\n${output}`)), 60_000);
    const onData = () => {
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        done(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`server exited with ${code} before listening:\n${output}`));
    });
  });
  adminTokens.set(url, readFileSync(join(dataDir, 'admin-token'), 'utf8').trim());
  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    url,
    dataDir,
    process: child,
    output: () => output,
    stop: () => kill('SIGTERM'),
    crash: () => kill('SIGKILL'),
  };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Runs `junction ARGS` against a server, stdin closed, and collects its output. It uses the
 * server's admin token unless `token` is given (`null`: no token at all).
 */
export function cli(
  server: string,
  args: string[],
  options: { timeoutMs?: number; token?: string | null; env?: Record<string, string> } = {},
): Promise<CliResult> {
  const started = Date.now();
  const token = options.token === undefined ? adminTokens.get(server) : options.token;
  const env: Record<string, string | undefined> = {
    ...process.env,
    JUNCTION_TOKEN: token ?? undefined,
    // Never a developer's own saved login.
    JUNCTION_CONFIG_DIR: join(tmpdir(), 'junction-test-no-config'),
    ...options.env,
  };
  if (token === null) delete env.JUNCTION_TOKEN;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, '--server', server, ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`junction ${args.join(' ')} timed out\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code: code ?? -1, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** Writes a spec file into `dir` and returns its path. */
export function specFile(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** One HTTP call; with the server's admin token unless `token` is given (`null`: none). */
export async function api<T = unknown>(
  server: string,
  path: string,
  init?: RequestInit,
  token?: string | null,
): Promise<{ status: number; body: T }> {
  const chosen = token === undefined ? adminTokens.get(server) : token;
  const headers = new Headers(init?.headers);
  if (chosen && !headers.has('authorization')) headers.set('authorization', `Bearer ${chosen}`);
  const response = await fetch(`${server}${path}`, { ...init, headers });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (logs, metrics): keep the text
  }
  return { status: response.status, body: body as T };
}

/** Polls `probe` until it returns a value (not undefined) or the time runs out. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
