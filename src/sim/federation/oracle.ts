/** The adaptation center as a throughput matrix says it: one CompatOracle per job class. */
import type { CompatOption, CompatOracle } from '../../scheduler/framework.js';
import type { ThroughputMatrix } from './inputs.js';

export function matrixOracle(matrix: ThroughputMatrix, jobClass: string): CompatOracle {
  const row = matrix.classes[jobClass] ?? {};
  const allowed = new Map<string, CompatOption>(
    Object.entries(row).map(([model, throughput]) => [
      model,
      {
        status: 'verified',
        throughput,
        estimated: false,
        stack: '*',
        stackVersion: '*',
        evidence: 'throughput matrix',
      },
    ]),
  );
  const refused = new Map<string, string>();
  const options = { allowed, refused };
  return { options: () => options };
}

/** Run time in seconds of `work` reference-seconds on `model`; Infinity when it cannot run the class. */
export function runSeconds(matrix: ThroughputMatrix, jobClass: string, model: string, work: number): number {
  const row = matrix.classes[jobClass] ?? {};
  const throughput = row[model];
  if (throughput === undefined) return Number.POSITIVE_INFINITY;
  return work * ((row[matrix.reference] ?? 1) / throughput);
}
