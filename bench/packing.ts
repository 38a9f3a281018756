/**
 * Packing quality the way the FGD paper (USENIX ATC '23) measures it: unallocated GPU % when
 * arrived GPU demand reaches 100 % of capacity, mean over seeds 42–51, on the Alibaba GPU trace's
 * default pod list and every cpu* and gpushare* variant, for best-fit, FGD and Junction's default
 * profile (whose packing score is frag-pack). Prints the paper's published figures beside ours. Traces run in parallel,
 * one worker thread each. The trace folder is ../shared/data/alibaba-gpu-v2023 next to the repo,
 * or $JUNCTION_TRACE_DIR.
 */
import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { runFgdExperiment } from '../src/sim/fgd-experiment.js';
import { readNodeList, readPodList } from '../src/sim/read-trace.js';

const SEEDS = [42, 43, 44, 45, 46, 47, 48, 49, 50, 51];
/** best-fit and FGD as published, and Junction's default profile (frag-pack scoring, see src/sim/policies.ts). */
const POLICIES = ['best-fit', 'fgd', 'default'];
const NODE_LIST = 'openb_node_list_gpu_node.csv';

/** FGD's published unallocated GPU % at 100 % arrived (mean of 10 seeds). */
const PUBLISHED: Record<string, Record<string, number>> = {
  default: { fgd: 4.77, 'best-fit': 7.14 },
  cpu050: { fgd: 5.0 },
  cpu100: { fgd: 4.79 },
  cpu200: { fgd: 5.18 },
  cpu250: { fgd: 6.8 },
  gpushare40: { fgd: 6.04 },
  gpushare60: { fgd: 8.75 },
  gpushare80: { fgd: 10.92 },
  gpushare100: { fgd: 13.36 },
};

interface TraceResult {
  trace: string;
  pods: number;
  seconds: number;
  /** policy → { mean, median } at 100 % and mean at 130 %. */
  policies: Record<string, { mean100: number; median100: number; mean130: number }>;
}

function runTrace(dir: string, trace: string): TraceResult {
  const started = performance.now();
  const nodes = readNodeList(join(dir, NODE_LIST));
  const pods = readPodList(join(dir, `openb_pod_list_${trace}.csv`));
  const results = runFgdExperiment({ nodes, pods, policies: POLICIES, seeds: SEEDS });
  const policies: TraceResult['policies'] = {};
  for (const r of results) {
    policies[r.policy] = {
      mean100: round(r.unallocatedGpuPct['100']),
      median100: round(r.medianUnallocatedGpuPct['100']),
      mean130: round(r.unallocatedGpuPct['130']),
    };
  }
  return { trace, pods: pods.length, seconds: round((performance.now() - started) / 1000), policies };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

if (!isMainThread && workerData?.packingTrace) {
  const { dir, trace } = workerData as { dir: string; trace: string; packingTrace: true };
  parentPort?.postMessage(runTrace(dir, trace));
}

function traceDir(): string {
  return (
    process.env.JUNCTION_TRACE_DIR ?? resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'alibaba-gpu-v2023')
  );
}

function traceNames(dir: string): string[] {
  const names = readdirSync(dir)
    .map((f) => /^openb_pod_list_(default|cpu\d+|gpushare\d+)\.csv$/.exec(f)?.[1])
    .filter((n): n is string => n !== undefined);
  const rank = (n: string) => (n === 'default' ? 0 : n.startsWith('cpu') ? 1 : 2);
  return names.sort((a, b) => rank(a) - rank(b) || Number(a.replace(/\D/g, '')) - Number(b.replace(/\D/g, '')));
}

const WORKER_BOOT = `
const { workerData } = require('node:worker_threads');
import(workerData.tsx).then(({ register }) => { register(); return import(workerData.entry); });
`;

function inWorker(dir: string, trace: string): Promise<TraceResult> {
  return new Promise((resolvePromise, reject) => {
    // Workers do not inherit `--import tsx`, so each one registers tsx before loading this file.
    const worker = new Worker(WORKER_BOOT, {
      eval: true,
      workerData: { dir, trace, packingTrace: true, tsx: import.meta.resolve('tsx/esm/api'), entry: import.meta.url },
    });
    worker.once('message', (result: TraceResult) => resolvePromise(result));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`packing worker for ${trace} exited with ${code}`));
    });
  });
}

async function pool<T, R>(items: readonly T[], size: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(size, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await run(items[i]!);
    }
  });
  await Promise.all(lanes);
  return out;
}

function printTable(results: readonly TraceResult[]): void {
  const head = ['trace', ...POLICIES.flatMap((p) => [p, `${p} (paper)`])];
  const rows = results.map((r) => [
    r.trace,
    ...POLICIES.flatMap((p) => [r.policies[p]?.mean100.toFixed(2) ?? '-', PUBLISHED[r.trace]?.[p]?.toFixed(2) ?? '-']),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  console.log('unallocated GPU % at 100% arrived, mean of seeds 42-51');
  console.log(line(head));
  for (const row of rows) console.log(line(row));
}

export async function packingBenchmark(): Promise<Record<string, unknown>> {
  const dir = traceDir();
  if (!existsSync(join(dir, NODE_LIST))) {
    const reason = `trace not found at ${dir} (set JUNCTION_TRACE_DIR)`;
    console.log(`packing: skipped: ${reason}`);
    return { skipped: true, reason };
  }
  const traces = traceNames(dir);
  const started = performance.now();
  const results = await pool(traces, availableParallelism(), (trace) => inWorker(dir, trace));
  printTable(results);
  return {
    traceDir: dir,
    seeds: SEEDS,
    policies: POLICIES,
    metric: 'unallocated GPU % at 100% arrived GPU demand (mean over seeds); median and 130% beside',
    seconds: round((performance.now() - started) / 1000),
    published: PUBLISHED,
    traces: Object.fromEntries(results.map((r) => [r.trace, r])),
  };
}
