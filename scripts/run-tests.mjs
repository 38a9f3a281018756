#!/usr/bin/env node
// Runs the test suite with node's test runner (tsx for TypeScript). Node 20 does not expand
// globs for --test, so the files are listed here. Usage: run-tests.mjs [all|unit|e2e|browser] [filter]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const which = process.argv[2] ?? 'all';
const filter = process.argv[3];

function walk(dir, out = []) {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (entry.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

let files = [];
if (which === 'all' || which === 'unit') files.push(...walk('src'));
if (which === 'all' || which === 'e2e') files.push(...walk('test'));
if (which === 'browser') files.push(...walk(join('test', 'browser')));
if (filter) files = files.filter((f) => f.includes(filter));
if (files.length === 0) {
  console.error(`no test files for ${which}${filter ? ` matching ${filter}` : ''}`);
  process.exit(1);
}
files.sort();
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    `--test-concurrency=${process.env.TEST_CONCURRENCY ?? 2}`,
    ...files,
  ],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
