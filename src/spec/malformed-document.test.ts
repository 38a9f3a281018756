import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FULL_EXAMPLE_YAML } from './test-fixtures.js';
import { DELETE, type MalformedCase, runMalformedCases } from './test-malformed.js';

/** Malformed documents, headers, metadata and workloads: each must produce one helpful issue. */
const documentCases: MalformedCase[] = [
  // document and YAML
  {
    name: 'bad YAML',
    input: { yaml: 'apiVersion: junction/v1\nkind: [Job\n' },
    path: '(document)',
    message: /YAML syntax error at line \d+, column \d+/,
  },
  {
    name: 'tab-indented YAML',
    input: { yaml: 'spec:\n\tqueue: x\n' },
    path: '(document)',
    message: /YAML syntax error at line 2/,
  },
  {
    name: 'multi-document YAML',
    input: { yaml: `${FULL_EXAMPLE_YAML}---\n${FULL_EXAMPLE_YAML}` },
    path: '(document)',
    message: /2 YAML documents/,
    hint: /separators/,
  },
  {
    name: 'empty document',
    input: { yaml: '  \n' },
    path: '(document)',
    message: /is empty/,
    hint: /apiVersion: junction\/v1/,
  },
  { name: 'only comments', input: { yaml: '# nothing\n' }, path: '(document)', message: /is empty/ },
  {
    name: 'a list at the top',
    input: { yaml: '- a\n- b\n' },
    path: '(document)',
    message: /must be a map .* got a list/,
  },
  {
    name: 'a scalar at the top',
    input: { yaml: 'hello\n' },
    path: '(document)',
    message: /must be a map .* got a string/,
  },
  // header
  {
    name: 'wrong apiVersion',
    input: { apiVersion: 'junction/v2' },
    path: 'apiVersion',
    message: /must be junction\/v1, got "junction\/v2"/,
  },
  {
    name: 'kubernetes apiVersion',
    input: { apiVersion: 'batch/v1' },
    path: 'apiVersion',
    message: /must be junction\/v1/,
    hint: /apiVersion: junction\/v1/,
  },
  { name: 'wrong kind', input: { kind: 'Pod' }, path: 'kind', message: /must be Job, got "Pod"/ },
  { name: 'lower-case kind', input: { kind: 'job' }, path: 'kind', message: /must be Job/, hint: /Job/ },
  { name: 'missing spec', input: { spec: DELETE }, path: 'spec', message: /is required/ },
  {
    name: 'unknown top-level key',
    input: { specs: {} },
    path: 'specs',
    message: /unknown field `specs`/,
    hint: /did you mean `spec`\?/,
  },
  // metadata
  {
    name: 'missing name',
    input: { 'metadata.name': DELETE },
    path: 'metadata.name',
    message: /is required, expected 1 to 63 lowercase/,
  },
  {
    name: 'name with capitals and underscore',
    input: { 'metadata.name': 'Finetune_7B' },
    path: 'metadata.name',
    message: /lowercase letters/,
    hint: /did you mean `finetune-7b`\?/,
  },
  {
    name: 'name too long',
    input: { 'metadata.name': `a${'b'.repeat(63)}` },
    path: 'metadata.name',
    message: /1 to 63/,
  },
  {
    name: 'name starting with a digit',
    input: { 'metadata.name': '7b-finetune' },
    path: 'metadata.name',
    message: /starting with a letter/,
  },
  {
    name: 'misspelled labels',
    input: { 'metadata.lables': { team: 'nlp' } },
    path: 'metadata.lables',
    message: /unknown field/,
    hint: /did you mean `labels`\?/,
  },
  {
    name: 'label value a number',
    input: { 'metadata.labels': { tier: 3 } },
    path: 'metadata.labels.tier',
    message: /must be a label value.*got 3/,
    hint: /quote it: "3"/,
  },
  {
    name: 'label key with a space',
    input: { 'metadata.labels': { 'my team': 'nlp' } },
    path: 'metadata.labels["my team"]',
    message: /key must be a label key/,
  },
  {
    name: 'label value too long',
    input: { 'metadata.labels': { team: 'x'.repeat(64) } },
    path: 'metadata.labels.team',
    message: /up to 63/,
  },
  // spec
  {
    name: 'unknown priority',
    input: { 'spec.priority': 'urgent' },
    path: 'spec.priority',
    message: /must be one of: low, normal, high, critical, got "urgent"/,
  },
  {
    name: 'misspelled priority',
    input: { 'spec.priority': 'hihg' },
    path: 'spec.priority',
    message: /one of/,
    hint: /did you mean `high`\?/,
  },
  {
    name: 'queue with capitals',
    input: { 'spec.queue': 'Research' },
    path: 'spec.queue',
    message: /lowercase/,
    hint: /`research`/,
  },
  // workload
  {
    name: 'missing command',
    input: { 'spec.workload.command': DELETE },
    path: 'spec.workload.command',
    message: /is required, expected a non-empty list of strings/,
  },
  {
    name: 'string command',
    input: { 'spec.workload.command': 'python train.py' },
    path: 'spec.workload.command',
    message: /must be a non-empty list of strings, got "python train.py"/,
    hint: /use a list, e.g. \[python, train.py\]/,
  },
  {
    name: 'empty command',
    input: { 'spec.workload.command': [] },
    path: 'spec.workload.command',
    message: /non-empty list.*got \[\]/,
    hint: /e.g. \[python, train.py\]/,
  },
  {
    name: 'number in command',
    input: { 'spec.workload.command': ['python', 'train.py', '--epochs', 3] },
    path: 'spec.workload.command[3]',
    message: /must be a string, got 3/,
    hint: /quote it: "3"/,
  },
  {
    name: 'env value a number',
    input: { 'spec.workload.env': { OMP_NUM_THREADS: 8 } },
    path: 'spec.workload.env.OMP_NUM_THREADS',
    message: /must be a string, got 8/,
    hint: /quote it: "8"/,
  },
  {
    name: 'env key not a variable name',
    input: { 'spec.workload.env': { '1BAD': 'x' } },
    path: 'spec.workload.env["1BAD"]',
    message: /key must be a variable name/,
  },
  {
    name: 'env as a list',
    input: { 'spec.workload.env': ['A=1'] },
    path: 'spec.workload.env',
    message: /must be a map of variable names/,
  },
  {
    name: 'unknown precision',
    input: { 'spec.workload.precision': ['bf16', 'bf17'] },
    path: 'spec.workload.precision[1]',
    message: /one of: fp64/,
    hint: /did you mean `bf16`\?/,
  },
  {
    name: 'unquoted framework version',
    input: { 'spec.workload.framework': { name: 'pytorch', version: 2.1 } },
    path: 'spec.workload.framework.version',
    message: /as a string/,
    hint: /quote it: "2.1"/,
  },
  {
    name: 'image as a bare string',
    input: { 'spec.workload.image': 'registry/train:1' },
    path: 'spec.workload.image',
    message: /must be "auto" or a map/,
    hint: /\{cuda: registry\/train:1\}/,
  },
  {
    name: 'image map with a number',
    input: { 'spec.workload.image': { cuda: 5 } },
    path: 'spec.workload.image.cuda',
    message: /image reference/,
  },
  {
    name: 'relative workingDir',
    input: { 'spec.workload.workingDir': 'work' },
    path: 'spec.workload.workingDir',
    message: /absolute path/,
  },
];

runMalformedCases('malformed specs: document, metadata, workload', documentCases);

// With the resource table (at least 15), the malformed tables hold at least 35 cases.
test('the document table holds at least 20 cases', () => {
  assert.ok(documentCases.length >= 20);
});
