import type { z } from 'zod';
import { formatPath, issueValue, type PathSegment, showValue, valueAt } from './path.js';
import { HERE } from './schema.js';
import { allowedKeys, docOf, recordKeySchema, schemaAt } from './schema-walk.js';
import { didYouMean } from './suggest.js';
import type { SpecIssue } from './types.js';

/**
 * Turns zod's issues into SpecIssues a person can act on: the dotted path, what was given,
 * what is accepted, and a fix where one is known. Offending values are read from `doc`,
 * the document as given, so they are never half-parsed.
 */

type ZodIssue = z.core.$ZodIssue;

export function specIssuesFromZod(issues: readonly ZodIssue[], root: z.ZodType, doc: unknown): SpecIssue[] {
  const out: SpecIssue[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    for (const converted of convert(issue, [], root, doc)) {
      const key = `${converted.path}\u0000${converted.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(converted);
    }
  }
  return out;
}

/** `spec.resources.replicas: must be an integer from 1 to 1024, got -2 (hint)`. */
export function formatSpecIssue(issue: SpecIssue): string {
  return issue.hint === undefined
    ? `${issue.path}: ${issue.message}`
    : `${issue.path}: ${issue.message} (${issue.hint})`;
}

function make(path: readonly PathSegment[], message: string, value: unknown, hint: string | undefined): SpecIssue {
  const issue: SpecIssue = { path: formatPath(path), message };
  if (value !== undefined) issue.value = issueValue(value);
  if (hint !== undefined) issue.hint = hint;
  return issue;
}

function convert(issue: ZodIssue, prefix: readonly PathSegment[], root: z.ZodType, document: unknown): SpecIssue[] {
  const path = [...prefix, ...issue.path];
  const schema = schemaAt(root, path);
  const doc = docOf(schema);
  const value = valueAt(document, path);
  const hintFor = (v: unknown): string | undefined => doc?.hint?.(v);
  const required = (): SpecIssue[] => [
    make(path, doc ? `is required, expected ${doc.accepts}` : 'is required', undefined, undefined),
  ];

  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeys(schema);
      const given = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
      return issue.keys.map((key) =>
        make(
          [...path, key],
          `unknown field \`${key}\``,
          given[key],
          didYouMean(key, allowed) ?? (allowed.length > 0 ? `fields allowed here: ${allowed.join(', ')}` : undefined),
        ),
      );
    }
    case 'invalid_type':
      if (value === undefined) return required();
      return [
        make(path, `must be ${doc?.accepts ?? `a ${issue.expected}`}, got ${showValue(value)}`, value, hintFor(value)),
      ];
    case 'invalid_value': {
      if (value === undefined) return required();
      const values = issue.values.map(String);
      const accepts = doc?.accepts ?? (values.length === 1 ? values[0]! : `one of: ${values.join(', ')}`);
      const close = typeof value === 'string' ? didYouMean(value, values) : undefined;
      return [make(path, `must be ${accepts}, got ${showValue(value)}`, value, close ?? hintFor(value))];
    }
    case 'custom': {
      const params = issue.params as { hint?: unknown } | undefined;
      const hint = typeof params?.hint === 'string' ? params.hint : hintFor(value);
      return [make(path, issue.message.replaceAll(HERE, formatPath(path)), value, hint)];
    }
    case 'invalid_key': {
      const key = path.at(-1);
      const keyDoc = docOf(recordKeySchema(schemaAt(root, path.slice(0, -1))));
      const message = keyDoc ? `key must be ${keyDoc.accepts}, got ${showValue(key)}` : `invalid key ${showValue(key)}`;
      return [make(path, message, key, undefined)];
    }
    case 'invalid_union': {
      const branch = closestBranch(issue.errors);
      if (value === undefined) return required();
      if (branch) return branch.flatMap((inner) => convert(inner, path, root, document));
      return [
        make(
          path,
          `must be ${doc?.accepts ?? 'one of the accepted forms'}, got ${showValue(value)}`,
          value,
          hintFor(value),
        ),
      ];
    }
    default: {
      const accepts = doc?.accepts ?? issue.message.toLowerCase();
      return [make(path, `must be ${accepts}, got ${showValue(value)}`, value, hintFor(value))];
    }
  }
}

/**
 * The one union branch whose shape matched (its problems lie deeper than the union
 * itself), so `image: {cuda: 5}` reports `image.cuda` rather than "not auto or a map".
 */
function closestBranch(branches: readonly (readonly ZodIssue[])[]): readonly ZodIssue[] | undefined {
  const matched = branches.filter(
    (issues) => !issues.some((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value')),
  );
  return matched.length === 1 ? matched[0] : undefined;
}
