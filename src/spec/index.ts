export { compileJobSpec } from './compile.js';
export type { SpecContext } from './context.js';
export { JOB_SPEC_DEFAULTS, type JobSpecDefaults } from './defaults.js';
export { formatSpecIssue, specIssuesFromZod } from './issues.js';
export { JOB_SPEC_SCHEMA_ID, jobSpecJsonSchema } from './json-schema.js';
export { MAX_SPEC_BYTES, parseJobSpec, type SpecFormat } from './parse.js';
export {
  parseCpuMillis,
  parseDurationSeconds,
  parseMemoryMiB,
  parsePercent,
  type QuantityError,
  type QuantityResult,
} from './quantity.js';
export {
  API_VERSION,
  type JobSpecDocument,
  jobSpecDocumentSchema,
  OBJECTIVES,
  PRECISIONS,
  TOPOLOGIES,
  type ValidatedJobSpecDocument,
} from './schema.js';
export * from './types.js';
