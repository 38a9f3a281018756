/** Field paths and values as a person reads them in an issue. */

export type PathSegment = PropertyKey;

/** The path of the whole document, for issues that belong to no field. */
export const DOCUMENT_PATH = '(document)';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `spec.workload.command[1]`; keys that are not identifiers are quoted: `labels["app/x"]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && IDENTIFIER.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out === '' ? DOCUMENT_PATH : out;
}

const MAX_SHOWN = 60;

function truncate(text: string): string {
  return text.length <= MAX_SHOWN ? text : `${text.slice(0, MAX_SHOWN - 1)}…`;
}

function json(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    // Cyclic or otherwise unserializable input: say what kind of thing it is.
    return Object.prototype.toString.call(value);
  }
}

/** The value as it appears after "got": `-2`, `"abc"`, `[]`, `{"a":1}`, truncated. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return truncate(JSON.stringify(value));
  if (typeof value === 'object' && value !== null) return truncate(json(value));
  return String(value);
}

/** The value to store on a SpecIssue: primitives as they are (strings truncated), structures as truncated JSON. */
export function issueValue(value: unknown): unknown {
  if (typeof value === 'string') return value.length <= MAX_SHOWN ? value : truncate(value);
  if (typeof value === 'object' && value !== null) return truncate(json(value));
  if (typeof value === 'bigint' || typeof value === 'symbol' || typeof value === 'function') return String(value);
  return value;
}

/** The value at `path` in a plain document, or undefined. */
export function valueAt(doc: unknown, path: readonly PathSegment[]): unknown {
  let node = doc;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}
