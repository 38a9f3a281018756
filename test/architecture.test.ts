/**
 * Dependencies point inward: the pure core (spec, catalog, vendors, cluster, scheduler, and later
 * compat and federation) never imports I/O, a driver, or an edge (store, backends, server, cli).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './support/junction.js';

const CORE = ['spec', 'catalog', 'vendors', 'cluster', 'scheduler', 'compat', 'federation'];
const FORBIDDEN = [
  /^(node:)?(fs|fs\/promises|child_process|net|http|https|dgram|dns|worker_threads|cluster)$/,
  /^(better-sqlite3|pg|kysely|fastify|@fastify\/.*|pino|prom-client|commander|@kubernetes\/client-node)$/,
  /(^|\/)(store|backends|server|cli|console)(\/|$)/,
];

function files(dir: string): string[] {
  let out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out = out.concat(files(path));
    else if (path.endsWith('.ts') && !path.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

test('the pure core imports no I/O, driver or edge', () => {
  const offences: string[] = [];
  let checked = 0;
  for (const area of CORE) {
    let paths: string[] = [];
    try {
      paths = files(join(ROOT, 'src', area));
    } catch {
      continue; // an area not built yet
    }
    for (const path of paths) {
      checked++;
      const source = readFileSync(path, 'utf8');
      for (const match of source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
        const spec = match[1]!;
        if (FORBIDDEN.some((re) => re.test(spec))) offences.push(`${relative(ROOT, path)} imports ${spec}`);
      }
      if (/\bDate\.now\(\)|new Date\(\)|Math\.random\(\)/.test(source)) {
        offences.push(`${relative(ROOT, path)} reads the clock or unseeded randomness`);
      }
    }
  }
  assert.ok(checked > 20, `checked ${checked} core files`);
  assert.deepEqual(offences, []);
});
