import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allModels, getModel } from '../catalog/index.js';
import { recordEvidence, upsertVerdict } from './knowledge-base.js';
import { LEGEND, renderMatrix } from './matrix.js';
import { createCompatOracle } from './oracle.js';
import { renderCertificate } from './report.js';
import { seedKb } from './seed.js';
import { pytorchJob, verdict } from './test-fixtures.js';

const kb = seedKb();

describe('oracle', () => {
  test('answers the scheduler with allowed and refused models, memoized per spec object', () => {
    const oracle = createCompatOracle(kb);
    const spec = pytorchJob();
    const answer = oracle.options(spec);
    assert.equal(oracle.options(spec), answer);
    assert.notEqual(oracle.options(pytorchJob()), answer);
    const h100 = answer.allowed.get('nvidia-h100-sxm')!;
    assert.deepEqual([h100.status, h100.stack, h100.stackVersion, h100.estimated], ['verified', 'CUDA', '12.4', true]);
    assert.equal(h100.throughput, 3.171);
    assert.match(h100.evidence, /^document \d{4}-\d{2}-\d{2}: /);
    assert.equal(answer.refused.get('hygon-dcu-k100_ai'), 'no verdict for pytorch >=2.1 bf16 on DTK (compat: strict)');
    const permissive = createCompatOracle(kb).options(pytorchJob({ compat: 'permissive' }));
    assert.match(permissive.allowed.get('hygon-dcu-k100_ai')!.evidence, /^unverified \(compat: permissive\)/);
  });
});

describe('matrix', () => {
  test('one row per model and stack, with status symbols and a legend', () => {
    const text = renderMatrix(kb, allModels());
    const lines = text.split('\n');
    assert.match(lines[0]!, /^MODEL\s+VENDOR\s+STACK\s+PYTORCH\s+CAPABILITIES$/);
    assert.match(text, /\nnvidia-h100-sxm\s+nvidia\s+CUDA 12\.4\s+2\.5\.1 ✓\s+fp32 ✓ fp16 ✓ bf16 ✓ fp8 ✓ int8 ✓\n/);
    assert.match(text, /\nhuawei-ascend-910b3\s+huawei\s+CANN 8\.0\.RC2\s+2\.1\.0 ~, 2\.3\.1 ~\s+bf16 ~\n/);
    assert.match(text, /\nnvidia-tesla-t4\s+.*bf16 ✗/);
    assert.match(text, /\nhygon-dcu-k100_ai\s+hygon\s+DTK\s+\* \?\n/);
    assert.match(text, /\niluvatar-corex-bi-v100\s+iluvatar\s+CoreX\s+\?\n/);
    assert.ok(text.endsWith(`${LEGEND}\n`));
  });
});

describe('certificate', () => {
  const withProbe = recordEvidence(
    upsertVerdict(kb, verdict('hygon-dcu-k100_ai', { evidence: [], status: 'unknown', capabilities: {} })),
    {
      model: 'hygon-dcu-k100_ai',
      stack: 'DTK',
      stackVersion: '24.04',
      framework: 'pytorch',
      frameworkVersion: '2.1.0',
    },
    {
      kind: 'probe',
      title: 'torch <probe> & "bf16"',
      date: '2026-11-29',
      node: 'node-0',
      site: 'east-dcu',
      output: '<script>alert(1)</script>',
    },
    'fail',
    ['bf16'],
  );

  test('markdown lists verdicts, evidence with links and dates, and throughput', () => {
    const md = renderCertificate(kb, 'nvidia-h100-sxm', 'markdown');
    assert.match(md, /^# Compatibility certificate: H100 SXM/);
    assert.match(md, /## pytorch 2\.5\.1 on CUDA 12\.4/);
    assert.match(md, /Status: \*\*verified\*\* ✓/);
    assert.match(md, /\| bf16 \| verified ✓ \|/);
    assert.match(md, /\(<https:\/\/pytorch\.org\/get-started\/previous-versions>\)/);
    assert.match(md, /training: 3\.171 × nvidia-a100-80gb \(estimated\)/);
    assert.equal(renderCertificate(kb, 'nvidia-h100-sxm', 'markdown'), md, 'deterministic');
  });

  test('html escapes every text and links only http(s) URLs', () => {
    const evil = upsertVerdict(
      withProbe,
      verdict('hygon-dcu-k100_ai', {
        stackVersion: '25.04',
        caveats: ['<img src=x onerror=alert(1)>'],
        evidence: [{ kind: 'document', title: 'doc', date: '2026-11-01', url: 'javascript:alert(1)' }],
      }),
    );
    const html = renderCertificate(evil, 'hygon-dcu-k100_ai', 'html');
    assert.ok(!html.includes('<script>'));
    assert.ok(!html.includes('<img'));
    assert.ok(!html.includes('href="javascript'));
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /torch &lt;probe&gt; &amp; &quot;bf16&quot;/);
    assert.match(html, /<h2>pytorch 2\.1\.0 on DTK 24\.04<\/h2>/);
    assert.match(html, /<td>bf16<\/td><td>fails<\/td>/);
    assert.ok(html.startsWith('<!doctype html>'));
  });

  test('a model without verdicts says everything is unknown', () => {
    assert.match(
      renderCertificate(kb, 'iluvatar-corex-bi-v100', 'markdown'),
      /No verdict: every combination on this model is unknown/,
    );
    assert.ok(getModel('iluvatar-corex-bi-v100'));
  });
});
