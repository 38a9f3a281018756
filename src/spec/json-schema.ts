import { z } from 'zod';
import { jobSpecDocumentSchema } from './schema.js';

export const JOB_SPEC_SCHEMA_ID = 'https://junction.dev/schemas/job-v1.json';

/**
 * The JSON Schema (draft 2020-12) of the job document as users write it, for editors and
 * the API docs. It describes shapes and ranges; rules that need code (quantity syntax,
 * count vs share, known vendors) are checked only by compileJobSpec.
 */
export function jobSpecJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(jobSpecDocumentSchema, {
    target: 'draft-2020-12',
    // Describe what users write, not the parsed output (quantities are strings or numbers).
    io: 'input',
    unrepresentable: 'any',
  });
  return { ...generated, $id: JOB_SPEC_SCHEMA_ID, title: 'Junction job (junction/v1)' };
}
