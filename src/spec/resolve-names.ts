import type { SpecContext } from './context.js';
import { formatPath, issueValue, type PathSegment, valueAt } from './path.js';
import { didYouMean } from './suggest.js';
import type { SpecIssue } from './types.js';

/**
 * Resolves the name lists of a document (vendors, models, sites) to canonical ids. Works
 * on the raw document and skips anything that is not a string, so it can run even when
 * the schema found other problems and every mistake is reported in one pass.
 */

export interface NameList {
  path: readonly PathSegment[];
  /** Singular noun for messages: "vendor". */
  what: string;
  /** Canonical id, or undefined when unknown. */
  resolve: (name: string) => string | undefined;
  /** Names to suggest from. */
  known: () => string[];
}

export interface ResolvedList {
  /** Canonical ids in the order given, duplicates removed; [] for `[any]`. */
  names: string[];
  issues: SpecIssue[];
}

const ANY = 'any';

export function resolveNameList(doc: unknown, list: NameList): ResolvedList {
  const raw = valueAt(doc, list.path);
  if (!Array.isArray(raw)) return { names: [], issues: [] };
  const names: string[] = [];
  const issues: SpecIssue[] = [];
  raw.forEach((item: unknown, index) => {
    if (typeof item !== 'string' || item === '') return;
    const path = formatPath([...list.path, index]);
    if (item.toLowerCase() === ANY) {
      if (raw.length > 1) {
        issues.push({
          path,
          message: `\`any\` cannot be combined with other ${list.what} names`,
          value: item,
          hint: `use [any] alone, or list only the ${list.what}s you accept`,
        });
      }
      return;
    }
    const id = list.resolve(item);
    if (id === undefined) {
      const known = list.known();
      issues.push({
        path,
        message: `unknown ${list.what} ${JSON.stringify(issueValue(item))}`,
        value: issueValue(item),
        hint: didYouMean(item, known) ?? (known.length > 0 ? `known ${list.what}s: ${known.join(', ')}` : undefined),
      });
      return;
    }
    if (!names.includes(id)) names.push(id);
  });
  return { names, issues: issues.map(dropUndefinedHint) };
}

function dropUndefinedHint(issue: SpecIssue): SpecIssue {
  if (issue.hint !== undefined) return issue;
  const { hint: _, ...rest } = issue;
  return rest;
}

const ACCELERATORS: readonly PathSegment[] = ['spec', 'resources', 'perReplica', 'accelerators'];

/** The name lists of a job document, bound to the context. */
export function jobNameLists(ctx: SpecContext): {
  vendors: NameList;
  models: NameList;
  sites: NameList;
  nodes: NameList;
} {
  return {
    vendors: {
      path: [...ACCELERATORS, 'vendors'],
      what: 'vendor',
      resolve: (n) => ctx.resolveVendor(n),
      known: () => ctx.vendorNames(),
    },
    models: {
      path: [...ACCELERATORS, 'models'],
      what: 'model',
      resolve: (n) => ctx.resolveModel(n),
      known: () => ctx.modelNames(),
    },
    // Sites are not known to the spec; they are checked against the federation later.
    sites: { path: ['spec', 'placement', 'sites'], what: 'site', resolve: (n) => n, known: () => [] },
    nodes: { path: ['spec', 'placement', 'nodes'], what: 'node', resolve: (n) => n, known: () => [] },
  };
}
