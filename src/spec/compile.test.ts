import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileJobSpec } from './compile.js';
import { parseJobSpec } from './parse.js';
import { testSpecContext } from './test-context.js';
import { FULL_EXAMPLE_YAML, minimalDoc } from './test-fixtures.js';
import type { CompiledJobSpec, SpecResult } from './types.js';

const ctx = testSpecContext();

function compiled(result: SpecResult): CompiledJobSpec {
  if (!result.ok) assert.fail(`expected a valid spec, got ${JSON.stringify(result.issues, null, 2)}`);
  return result.spec;
}

function withAccelerators(accelerators: unknown): Record<string, unknown> {
  const doc = minimalDoc();
  (doc.spec as Record<string, unknown>).resources = { perReplica: { accelerators } };
  return doc;
}

describe('compileJobSpec', () => {
  test('applies every default to a minimal document', () => {
    const spec = compiled(compileJobSpec(minimalDoc(), ctx));
    assert.deepEqual(spec, {
      apiVersion: 'junction/v1',
      kind: 'Job',
      name: 'hello',
      labels: {},
      queue: 'default',
      priority: 'normal',
      workload: { precision: [], image: 'auto', command: ['echo', 'hi'], env: {}, class: 'training', compat: 'strict' },
      resources: {
        replicas: 1,
        perReplica: {
          cpuMillis: 1000,
          memoryMiB: 2048,
          accelerators: { kind: 'none', count: 0, minMemoryMiB: 0, vendors: [], models: [], topology: 'any' },
        },
      },
      placement: { objective: 'cost', sites: [], nodes: [], regions: [] },
      runtime: { retries: 0, preemptible: false, gracePeriodSeconds: 10 },
    } satisfies CompiledJobSpec);
  });

  test('compiles the full example to base units', () => {
    const spec = compiled(parseJobSpec(FULL_EXAMPLE_YAML, ctx));
    assert.deepEqual(spec, {
      apiVersion: 'junction/v1',
      kind: 'Job',
      name: 'finetune-7b',
      labels: { team: 'nlp' },
      queue: 'research',
      priority: 'normal',
      workload: {
        framework: { name: 'pytorch', version: '>=2.1' },
        precision: ['bf16'],
        image: 'auto',
        command: ['python', 'train.py', '--epochs', '3'],
        env: { HF_HOME: '/data/hf' },
        workingDir: '/work',
        class: 'training',
        compat: 'strict',
      },
      resources: {
        replicas: 2,
        perReplica: {
          cpuMillis: 8000,
          memoryMiB: 65536,
          accelerators: {
            kind: 'whole',
            count: 4,
            minMemoryMiB: 65536,
            vendors: [],
            models: [],
            topology: 'same-domain',
          },
        },
      },
      placement: {
        objective: 'cost',
        maxPricePerHour: 60,
        deadline: '2026-12-01T00:00:00.000Z',
        sites: [],
        nodes: [],
        regions: [],
      },
      runtime: { maxDurationSeconds: 14400, retries: 2, preemptible: true, gracePeriodSeconds: 10 },
    } satisfies CompiledJobSpec);
  });

  test('a share is one slice of one device', () => {
    const spec = compiled(compileJobSpec(withAccelerators({ share: { memory: '12Gi', compute: '30%' } }), ctx));
    assert.deepEqual(spec.resources.perReplica.accelerators, {
      kind: 'share',
      count: 1,
      share: { memoryMiB: 12288, computePercent: 30 },
      minMemoryMiB: 0,
      vendors: [],
      models: [],
      topology: 'any',
    });
  });

  test('accelerators without count or share ask for one whole device', () => {
    const spec = compiled(compileJobSpec(withAccelerators({ vendors: ['nvidia'] }), ctx));
    assert.equal(spec.resources.perReplica.accelerators.kind, 'whole');
    assert.equal(spec.resources.perReplica.accelerators.count, 1);
  });

  test('vendor and model aliases resolve to canonical ids, in order, without duplicates', () => {
    const doc = withAccelerators({
      count: 1,
      vendors: ['DCU', 'NVIDIA', 'hygon'],
      models: ['K100_AI', 'h100', 'nvidia-h100-sxm'],
    });
    const accelerators = compiled(compileJobSpec(doc, ctx)).resources.perReplica.accelerators;
    assert.deepEqual(accelerators.vendors, ['hygon', 'nvidia']);
    assert.deepEqual(accelerators.models, ['hygon-k100-ai', 'nvidia-h100-sxm']);
  });

  test('cpu, memory and durations accept every documented form', () => {
    const doc = minimalDoc();
    const spec = doc.spec as Record<string, unknown>;
    spec.resources = { perReplica: { cpu: '500m', memory: '1.5Gi' } };
    spec.runtime = { maxDuration: '1h30m', gracePeriod: 0 };
    const out = compiled(compileJobSpec(doc, ctx));
    assert.equal(out.resources.perReplica.cpuMillis, 500);
    assert.equal(out.resources.perReplica.memoryMiB, 1536);
    assert.equal(out.runtime.maxDurationSeconds, 5400);
    assert.equal(out.runtime.gracePeriodSeconds, 0);
  });

  test('a deadline with an offset is normalized to UTC', () => {
    const doc = minimalDoc();
    (doc.spec as Record<string, unknown>).placement = { deadline: '2026-12-01T08:00:00+08:00' };
    assert.equal(compiled(compileJobSpec(doc, ctx)).placement.deadline, '2026-12-01T00:00:00.000Z');
  });

  test('an image map and a framework without version', () => {
    const doc = minimalDoc();
    const workload = (doc.spec as { workload: Record<string, unknown> }).workload;
    workload.image = { cuda: 'registry/train:cu124', hygon: 'registry/train:dtk24' };
    workload.framework = { name: 'pytorch' };
    const out = compiled(compileJobSpec(doc, ctx));
    assert.deepEqual(out.workload.image, { cuda: 'registry/train:cu124', hygon: 'registry/train:dtk24' });
    assert.deepEqual(out.workload.framework, { name: 'pytorch', version: '*' });
  });

  test('reports every problem of a document at once', () => {
    const doc = minimalDoc();
    (doc.spec as Record<string, unknown>).priority = 'urgent';
    (doc.spec as Record<string, unknown>).resources = {
      replicas: 0,
      perReplica: { accelerators: { count: 1, vendors: ['nvida'] } },
    };
    const result = compileJobSpec(doc, ctx);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual(result.issues.map((i) => i.path).sort(), [
      'spec.priority',
      'spec.resources.perReplica.accelerators.vendors[0]',
      'spec.resources.replicas',
    ]);
  });

  test('does not modify the document it is given', () => {
    const doc = minimalDoc();
    const before = structuredClone(doc);
    compileJobSpec(doc, ctx);
    assert.deepEqual(doc, before);
  });

  test('compat defaults to strict, accepts permissive, and names the field otherwise', () => {
    assert.equal(compiled(compileJobSpec(minimalDoc(), ctx)).workload.compat, 'strict');
    const doc = minimalDoc();
    (doc.spec as { workload: Record<string, unknown> }).workload.compat = 'permissive';
    assert.equal(compiled(compileJobSpec(doc, ctx)).workload.compat, 'permissive');
    (doc.spec as { workload: Record<string, unknown> }).workload.compat = 'lenient';
    const result = compileJobSpec(doc, ctx);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.issues[0]!.path, 'spec.workload.compat');
    assert.match(`${result.issues[0]!.message} ${result.issues[0]!.hint ?? ''}`, /strict.*permissive/);
  });

  test('a work estimate on a reference model, regions and the dataset a job reads', () => {
    const doc = minimalDoc();
    const spec = doc.spec as Record<string, Record<string, unknown>>;
    spec.workload!.estimate = { duration: '10h', on: 'H100' };
    spec.placement = { regions: ['cn-east'], data: { dataset: 'imagenet', size: '150Gi' } };
    const out = compiled(compileJobSpec(doc, ctx));
    assert.deepEqual(out.workload.estimate, { referenceSeconds: 36000, referenceModel: 'nvidia-h100-sxm' });
    assert.deepEqual(out.placement.regions, ['cn-east']);
    assert.deepEqual(out.placement.data, { dataset: 'imagenet', sizeMiB: 153600 });
    spec.workload!.estimate = { duration: '10h' };
    assert.equal(compiled(compileJobSpec(doc, ctx)).workload.estimate!.referenceModel, 'nvidia-a100-80gb');
    spec.workload!.estimate = { duration: '10h', on: 'H10' };
    const bad = compileJobSpec(doc, ctx);
    assert.equal(bad.ok, false);
    if (bad.ok) return;
    assert.equal(bad.issues[0]!.path, 'spec.workload.estimate.on');
    assert.match(bad.issues[0]!.hint!, /^did you mean/);
  });
});
