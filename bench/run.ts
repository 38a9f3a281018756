/**
 * `npm run bench [-- NAME...]`: runs the named benchmarks (default: all) and writes each result
 * to bench/results/NAME.json. Benchmarks measure and report; they never assert a time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { federationBenchmark } from './federation.js';
import { packingBenchmark } from './packing.js';
import { schedulerBenchmark } from './scheduler.js';
import { slurmBenchmark } from './slurm.js';
import { throughputBenchmark } from './throughput.js';

const BENCHMARKS: Record<string, () => Promise<Record<string, unknown>> | Record<string, unknown>> = {
  throughput: throughputBenchmark,
  scheduler: schedulerBenchmark,
  packing: packingBenchmark,
  slurm: slurmBenchmark,
  federation: federationBenchmark,
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length > 0 ? wanted : Object.keys(BENCHMARKS);
const unknown = names.filter((n) => !BENCHMARKS[n]);
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}`);
  process.exit(2);
}
const dir = join(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
for (const name of names) {
  const result = await BENCHMARKS[name]!();
  const path = join(dir, `${name}.json`);
  writeFileSync(
    path,
    `${JSON.stringify({ benchmark: name, at: new Date().toISOString(), node: process.version, ...result }, null, 2)}\n`,
  );
  console.log(`wrote ${path}`);
}
