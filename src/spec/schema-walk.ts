import { z } from 'zod';
import { type FieldDoc, fieldDocs } from './field-docs.js';

/**
 * Finds the schema node at a document path, so an issue can say what that field accepts
 * and, for an unknown key, which keys were allowed there. Read-only; walks the public
 * zod classes only.
 */

type Segment = PropertyKey;

/** The node and every node it wraps (optional, pipe input, union options), outermost first. */
function layers(schema: z.ZodType): z.ZodType[] {
  const out: z.ZodType[] = [];
  const visit = (s: z.ZodType): void => {
    out.push(s);
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault)
      visit(s.unwrap() as z.ZodType);
    else if (s instanceof z.ZodPipe) visit(s.in as z.ZodType);
    else if (s instanceof z.ZodUnion) for (const o of s.options) visit(o as z.ZodType);
  };
  visit(schema);
  return out;
}

function child(schema: z.ZodType, key: Segment): z.ZodType | undefined {
  for (const s of layers(schema)) {
    if (s instanceof z.ZodObject && typeof key === 'string') {
      const field = (s.shape as Record<string, z.ZodType | undefined>)[key];
      if (field) return field;
    } else if (s instanceof z.ZodArray && typeof key === 'number') {
      return s.element as z.ZodType;
    } else if (s instanceof z.ZodRecord && typeof key === 'string') {
      return s.valueType as z.ZodType;
    }
  }
  return undefined;
}

export function schemaAt(root: z.ZodType, path: readonly Segment[]): z.ZodType | undefined {
  let node: z.ZodType | undefined = root;
  for (const key of path) {
    if (!node) return undefined;
    node = child(node, key);
  }
  return node;
}

/** The outermost FieldDoc at the node, if any. */
export function docOf(schema: z.ZodType | undefined): FieldDoc | undefined {
  if (!schema) return undefined;
  for (const s of layers(schema)) {
    const doc = fieldDocs.get(s);
    if (doc) return doc;
  }
  return undefined;
}

/** Keys an object at the node allows, or [] when it is not an object. */
export function allowedKeys(schema: z.ZodType | undefined): string[] {
  if (!schema) return [];
  const object = layers(schema).find((s) => s instanceof z.ZodObject);
  return object instanceof z.ZodObject ? Object.keys(object.shape) : [];
}

/** The key schema of a record at the node. */
export function recordKeySchema(schema: z.ZodType | undefined): z.ZodType | undefined {
  if (!schema) return undefined;
  const record = layers(schema).find((s) => s instanceof z.ZodRecord);
  return record instanceof z.ZodRecord ? (record.keyType as z.ZodType) : undefined;
}
