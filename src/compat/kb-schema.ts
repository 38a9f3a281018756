/**
 * The validated shape of an exported knowledge base (schemaVersion 1). Unknown fields are rejected so a
 * typo in a hand-edited file is named, not silently dropped.
 */
import { z } from 'zod';
import { CAPABILITIES, VERDICT_STATUSES, WORKLOAD_CLASSES } from './types.js';

const status = z.enum(VERDICT_STATUSES);
const nonEmpty = z.string().min(1);
/** YYYY-MM, YYYY-MM-DD or an ISO-8601 instant: all sort correctly as strings. */
const date = z.string().regex(/^\d{4}-\d{2}(-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?)?$/, 'expected YYYY-MM-DD');

const measurement = z.strictObject({ metric: nonEmpty, value: z.number().finite(), unit: z.string() });

const evidence = z.strictObject({
  kind: z.enum(['probe', 'document']),
  title: nonEmpty,
  url: z.string().url().optional(),
  date,
  node: z.string().optional(),
  site: z.string().optional(),
  outcome: z.enum(['pass', 'fail']).optional(),
  output: z.string().optional(),
  measured: measurement.optional(),
});

const verdict = z.strictObject({
  model: nonEmpty,
  stack: nonEmpty,
  stackVersion: nonEmpty,
  framework: nonEmpty,
  frameworkVersion: nonEmpty,
  status,
  capabilities: z.partialRecord(z.enum(CAPABILITIES), status),
  caveats: z.array(z.string()),
  evidence: z.array(evidence),
  relativeThroughput: z
    .strictObject({ value: z.number().positive(), estimated: z.boolean(), workloadClass: z.enum(WORKLOAD_CLASSES) })
    .optional(),
  image: nonEmpty.optional(),
  env: z.record(z.string(), z.string()).optional(),
});

export const knowledgeBaseSchema = z.strictObject({
  schemaVersion: z.literal(1),
  revision: z.number().int().nonnegative(),
  verdicts: z.array(verdict),
});

/** `verdicts[3].evidence[0].date` from a zod issue path. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(root)' : out;
}
