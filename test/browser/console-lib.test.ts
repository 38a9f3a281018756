/**
 * The console's pure helpers, without a browser: the YAML field-path → line mapping that puts a
 * validation issue on its line, and the reading of the compatibility matrix (text and JSON forms).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { matrixFromJson, parseMarks, parseMatrix } from '../../console/src/lib/compatMatrix.js';
import { lineForPath, parsePath } from '../../console/src/lib/yamlPath.js';

const SPEC = `# comment
apiVersion: junction/v1
kind: Job
metadata:
  name: hello  # trailing comment
  labels: {team: nlp}
spec:
  workload:
    command:
    - sh
    - -c
    - echo hi
  resources:
    replica: 2
    perReplica:
      cpu: 500m
      accelerators:
        count: 1
        vendors: [nvidai]
        models:
          - H100
          - name: x
            foo: 1
`;

describe('console: issue path → YAML line', () => {
  const cases: [string, number | undefined][] = [
    ['spec.resources.replica', 14],
    ['resources.replica', 14],
    ['spec.resources.perReplica.accelerators.vendors[0]', 19],
    ['spec.workload.command[2]', 12],
    ['spec.workload.command', 9],
    ['metadata.labels.team', 6],
    ['spec.resources.perReplica.accelerators.models[1].foo', 23],
    ['spec.resources.perReplica.accelerators.models[0]', 21],
    ['spec.placement.deadline', 7],
    ['resources.perReplica.memory', 15],
    ['(document)', undefined],
  ];
  for (const [path, line] of cases) {
    test(`${path} → ${line}`, () => assert.equal(lineForPath(SPEC, path), line));
  }

  test('document issues use the line in their message', () =>
    assert.equal(lineForPath(SPEC, '(document)', 'YAML syntax error at line 4, column 3: bad'), 4));

  test('paths with quoted keys and indexes', () =>
    assert.deepEqual(parsePath('metadata.labels["app/x"].y[3]'), ['metadata', 'labels', 'app/x', 'y', 3]));

  test('never throws on odd text', () => {
    for (const text of ['', '---', '- a\n- b', 'a: [', '"q": 1\n  : x', '\t\tx: 1']) {
      assert.doesNotThrow(() => lineForPath(text, 'spec.a[0].b'));
    }
  });
});

describe('console: compatibility matrix', () => {
  const TEXT = `MODEL                    VENDOR     STACK             PYTORCH           CAPABILITIES
nvidia-h100-sxm          nvidia     CUDA 12.4         2.5.1 ✓           fp32 ✓ fp16 ✓ bf16 ✓ fp8 ✓ int8 ✓
hygon-dcu-k100_ai        hygon      DTK               * ?
huawei-ascend-910b2      huawei     CANN 8.0.RC2      2.1.0 ~, 2.3.1 ~  bf16 ✗

legend: ✓ verified  ~ works with caveats  ✗ fails  ? unknown (no verdict)
`;

  test('the text table by column positions', () => {
    const m = parseMatrix(TEXT);
    assert.deepEqual(m.frameworks, ['pytorch']);
    assert.equal(m.rows.length, 3);
    assert.deepEqual(m.rows[0], {
      model: 'nvidia-h100-sxm',
      vendor: 'nvidia',
      stack: 'CUDA 12.4',
      frameworks: { pytorch: [{ label: '2.5.1', verdict: 'verified' }] },
      capabilities: ['fp32', 'fp16', 'bf16', 'fp8', 'int8'].map((label) => ({ label, verdict: 'verified' })),
    });
    assert.deepEqual(m.rows[1]!.frameworks.pytorch, [{ label: '*', verdict: 'unknown' }]);
    assert.deepEqual(m.rows[2]!.frameworks.pytorch, [
      { label: '2.1.0', verdict: 'likely' },
      { label: '2.3.1', verdict: 'likely' },
    ]);
    assert.deepEqual(m.rows[2]!.capabilities, [{ label: 'bf16', verdict: 'fails' }]);
    assert.match(m.legend, /^legend:/);
  });

  test('a bare verdict', () => assert.deepEqual(parseMarks('?'), [{ label: '', verdict: 'unknown' }]));

  test('the JSON form, statuses by name', () => {
    const m = matrixFromJson({
      frameworks: ['pytorch'],
      rows: [
        {
          model: 'huawei-ascend-910b3',
          vendor: 'huawei',
          stack: 'CANN 8.0.RC2',
          frameworks: { pytorch: [{ version: '2.1.0', status: 'works-with-caveats' }] },
          capabilities: { bf16: 'fails', fp16: 'verified' },
        },
        { model: 'hygon-bw1000', vendor: 'hygon', stack: 'DTK', frameworks: { pytorch: [] }, capabilities: {} },
      ],
    });
    assert.deepEqual(m.rows[0]!.frameworks.pytorch, [{ label: '2.1.0', verdict: 'likely' }]);
    assert.deepEqual(m.rows[0]!.capabilities, [
      { label: 'bf16', verdict: 'fails' },
      { label: 'fp16', verdict: 'verified' },
    ]);
    assert.deepEqual(m.rows[1]!.frameworks.pytorch, [{ label: '', verdict: 'unknown' }]);
  });
});
