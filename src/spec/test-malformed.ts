import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { compileJobSpec } from './compile.js';
import { formatSpecIssue } from './issues.js';
import { parseJobSpec } from './parse.js';
import { testSpecContext } from './test-context.js';
import { FULL_EXAMPLE_YAML } from './test-fixtures.js';
import type { SpecIssue } from './types.js';

/**
 * The table-driven runner of the malformed-spec tests: each case edits the full example
 * (or gives a whole YAML text) and names the one issue it must produce.
 */

/** An edit value that removes the field. */
export const DELETE = Symbol('delete');

/** Field path (dots only) → new value, applied to the full example. */
export type Edits = Record<string, unknown>;

export interface MalformedCase {
  name: string;
  /** Edits of the full example, or a whole YAML text. */
  input: Edits | { yaml: string };
  /** The exact path of the one issue expected. */
  path: string;
  message: RegExp;
  hint?: RegExp;
}

function edited(edits: Edits): unknown {
  const doc = parseYaml(FULL_EXAMPLE_YAML) as Record<string, unknown>;
  for (const [path, value] of Object.entries(edits)) {
    const keys = path.split('.');
    const last = keys.pop()!;
    let node = doc;
    for (const key of keys) {
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    }
    if (value === DELETE) delete node[last];
    else node[last] = value;
  }
  return doc;
}

function issuesOf(input: MalformedCase['input']): SpecIssue[] {
  const ctx = testSpecContext();
  const result =
    'yaml' in input && typeof input.yaml === 'string'
      ? parseJobSpec(input.yaml, ctx)
      : compileJobSpec(edited(input), ctx);
  if (result.ok) assert.fail('expected the spec to be refused');
  return result.issues;
}

export function runMalformedCases(title: string, cases: readonly MalformedCase[]): void {
  describe(title, () => {
    for (const c of cases) {
      test(c.name, () => {
        const issues = issuesOf(c.input);
        const listed = issues.map(formatSpecIssue).join('\n');
        const issue = issues.find((i) => i.path === c.path);
        assert.ok(issue, `no issue at ${c.path}; got:\n${listed}`);
        assert.match(issue.message, c.message, formatSpecIssue(issue));
        if (c.hint) assert.match(issue.hint ?? '', c.hint, formatSpecIssue(issue));
        assert.equal(issues.length, 1, `expected exactly one issue, got:\n${listed}`);
      });
    }
  });
}
