#!/usr/bin/env node
// Builds the web console (console/ → console/dist) with Vite's JS API, unless console/dist/index.html
// is newer than every source: console/src/**, console/index.html and console/vite.config.ts.
// Prints one line either way. Usage: node scripts/build-console.mjs [--force]
// Also importable: `await buildConsole({ force })` returns { built: boolean, ms: number }.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const CONSOLE = join(ROOT, 'console');
const OUTPUT = join(CONSOLE, 'dist', 'index.html');

function newestSource() {
  let newest = 0;
  const visit = (path) => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const path of [join(CONSOLE, 'src'), join(CONSOLE, 'index.html'), join(CONSOLE, 'vite.config.ts')]) {
    if (existsSync(path)) visit(path);
  }
  return newest;
}

/** True when console/dist/index.html is older than some source (or missing). */
export function consoleIsStale() {
  if (!existsSync(OUTPUT)) return true;
  return statSync(OUTPUT).mtimeMs <= newestSource();
}

export async function buildConsole({ force = false, quiet = false } = {}) {
  const say = quiet ? () => {} : (line) => console.log(line);
  const started = Date.now();
  if (!force && !consoleIsStale()) {
    say('console: console/dist is up to date');
    return { built: false, ms: Date.now() - started };
  }
  const { build } = await import('vite');
  await build({ configFile: join(CONSOLE, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  const ms = Date.now() - started;
  say(`console: built console/dist in ${(ms / 1000).toFixed(1)} s`);
  return { built: true, ms };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  buildConsole({ force: process.argv.includes('--force') }).catch((error) => {
    console.error(`console: build failed: ${error?.stack ?? error}`);
    process.exit(1);
  });
}
