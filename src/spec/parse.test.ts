import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { formatSpecIssue } from './issues.js';
import { MAX_SPEC_BYTES, parseJobSpec } from './parse.js';
import { testSpecContext } from './test-context.js';
import { FULL_EXAMPLE_YAML } from './test-fixtures.js';
import type { SpecIssue, SpecResult } from './types.js';

const ctx = testSpecContext();

function issues(result: SpecResult): SpecIssue[] {
  if (result.ok) assert.fail('expected the spec to be refused');
  return result.issues;
}

describe('parseJobSpec', () => {
  const fullJson = JSON.stringify(parseYaml(FULL_EXAMPLE_YAML), null, 2);

  test('YAML and the same document as JSON compile alike, in every format that reads them', () => {
    const fromYaml = parseJobSpec(FULL_EXAMPLE_YAML, ctx, 'yaml');
    assert.equal(fromYaml.ok, true);
    assert.deepEqual(parseJobSpec(fullJson, ctx, 'json'), fromYaml);
    assert.deepEqual(parseJobSpec(fullJson, ctx, 'auto'), fromYaml);
    assert.deepEqual(parseJobSpec(FULL_EXAMPLE_YAML, ctx), fromYaml);
  });

  test('format json refuses YAML with the position of the error', () => {
    const [issue] = issues(parseJobSpec(FULL_EXAMPLE_YAML, ctx, 'json'));
    assert.equal(issue?.path, '(document)');
    assert.match(issue?.message ?? '', /^JSON syntax error/);
  });

  test('a JSON error names the line and column', () => {
    const [issue] = issues(parseJobSpec('{\n  "a": 1,\n}', ctx, 'json'));
    assert.match(issue?.message ?? '', /JSON syntax error at line 3, column 1/);
  });

  test('a YAML syntax error names the line and column', () => {
    const text = FULL_EXAMPLE_YAML.replace('queue: research', 'queue: [research');
    const [issue] = issues(parseJobSpec(text, ctx));
    assert.equal(issue?.path, '(document)');
    assert.match(issue?.message ?? '', /^YAML syntax error at line \d+, column \d+: \S/);
    assert.doesNotMatch(issue?.message ?? '', /\n/);
  });

  test('a duplicated key is a YAML error, not a silent overwrite', () => {
    const text = FULL_EXAMPLE_YAML.replace('  queue: research\n', '  queue: research\n  queue: other\n');
    const [issue] = issues(parseJobSpec(text, ctx));
    assert.match(issue?.message ?? '', /YAML syntax error at line 6.*unique/i);
  });

  test('alias expansion bombs are refused', () => {
    let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 9; i++)
      text += `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
    const [issue] = issues(parseJobSpec(text, ctx));
    assert.equal(issue?.path, '(document)');
    assert.match(issue?.message ?? '', /alias/i);
  });

  test('an oversized document is refused before parsing', () => {
    const [issue] = issues(parseJobSpec(`# ${'x'.repeat(MAX_SPEC_BYTES)}\n${FULL_EXAMPLE_YAML}`, ctx));
    assert.match(issue?.message ?? '', /larger than/);
  });

  test('null in YAML is reported as a wrong value, not a missing one', () => {
    const text = FULL_EXAMPLE_YAML.replace('replicas: 2', 'replicas: ~');
    const found = issues(parseJobSpec(text, ctx)).map(formatSpecIssue);
    assert.deepEqual(found, ['spec.resources.replicas: must be an integer from 1 to 1024, got null']);
  });
});
