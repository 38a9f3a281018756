import { z } from 'zod';

/**
 * What one field of the user document accepts, kept on the schema itself so that error
 * messages and the editor's JSON Schema descriptions come from the same words.
 */
export interface FieldDoc {
  /** Follows "must be": "an integer from 1 to 1024". */
  accepts: string;
  /** A fix for a particular wrong value (quote a number, use a list), or undefined. */
  hint?: (value: unknown) => string | undefined;
}

/** Error-message documentation per schema node; not emitted into the JSON Schema. */
export const fieldDocs = z.registry<FieldDoc, z.ZodType>();

/**
 * Attaches `doc` to the schema, and `description` (default: the accepted forms) to the
 * JSON Schema that editors see. Returns the schema to use in its place.
 */
export function documented<T extends z.ZodType>(schema: T, doc: FieldDoc, description?: string): T {
  const described = schema.meta({ description: description ?? sentence(doc.accepts) });
  fieldDocs.add(described, doc);
  return described;
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
