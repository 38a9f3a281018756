import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  emptyKb,
  exportKb,
  findVerdict,
  importKb,
  KnowledgeBaseImportError,
  recordEvidence,
  upsertVerdict,
} from './knowledge-base.js';
import { seedKb } from './seed.js';
import { verdict } from './test-fixtures.js';
import type { Evidence, VerdictKey, VerdictStatus } from './types.js';

const KEY: VerdictKey = {
  model: 'hygon-dcu-k100_ai',
  stack: 'DTK',
  stackVersion: '24.04',
  framework: 'pytorch',
  frameworkVersion: '2.1.0',
};
const probe = (date: string, output?: string): Evidence => ({
  kind: 'probe',
  title: 'torch probe',
  date,
  node: 'node-0',
  site: 'east-dcu',
  ...(output ? { output } : {}),
});

describe('evidence rules', () => {
  const cases: {
    name: string;
    start?: VerdictStatus;
    steps: [Evidence, 'pass' | 'fail'][];
    status: VerdictStatus;
    bf16: VerdictStatus;
  }[] = [
    {
      name: 'passing probe on a new key: verified',
      steps: [[probe('2026-11-20'), 'pass']],
      status: 'verified',
      bf16: 'verified',
    },
    {
      name: 'failing probe on a new key: fails',
      steps: [[probe('2026-11-20', 'boom'), 'fail']],
      status: 'fails',
      bf16: 'fails',
    },
    {
      name: 'passing document: works-with-caveats',
      steps: [[{ kind: 'document', title: 'vendor doc', date: '2026-01' }, 'pass']],
      status: 'works-with-caveats',
      bf16: 'works-with-caveats',
    },
    {
      name: 'pass keeps caveats',
      start: 'works-with-caveats',
      steps: [[probe('2026-11-20'), 'pass']],
      status: 'works-with-caveats',
      bf16: 'verified',
    },
    {
      name: 'fail overrides verified',
      start: 'verified',
      steps: [[probe('2026-11-29', 'x'), 'fail']],
      status: 'fails',
      bf16: 'fails',
    },
    {
      name: 'newer pass clears an older fail',
      steps: [
        [probe('2026-11-01', 'x'), 'fail'],
        [probe('2026-11-02'), 'pass'],
      ],
      status: 'verified',
      bf16: 'verified',
    },
    {
      name: 'an older pass does not clear a newer fail',
      steps: [
        [probe('2026-11-02', 'x'), 'fail'],
        [probe('2026-11-01'), 'pass'],
      ],
      status: 'fails',
      bf16: 'fails',
    },
    {
      name: 'an older fail does not override a newer pass',
      steps: [
        [probe('2026-11-02'), 'pass'],
        [probe('2026-11-01', 'x'), 'fail'],
      ],
      status: 'verified',
      bf16: 'verified',
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      let kb = c.start
        ? upsertVerdict(emptyKb(), verdict(KEY.model, { status: c.start, capabilities: {}, evidence: [] }))
        : emptyKb();
      const before = kb.revision;
      for (const [e, outcome] of c.steps) kb = recordEvidence(kb, KEY, e, outcome, ['bf16']);
      const v = findVerdict(kb, KEY)!;
      assert.equal(v.status, c.status);
      assert.equal(v.capabilities.bf16, c.bf16);
      assert.equal(kb.revision, before + c.steps.length);
    });
  }

  test('a failing probe keeps its output, a passing one drops it, and inputs are not changed', () => {
    const start = emptyKb();
    const failed = recordEvidence(start, KEY, probe('2026-11-20', 'RuntimeError: hipErrorNoBinaryForGpu'), 'fail');
    assert.equal(findVerdict(failed, KEY)!.evidence[0]!.output, 'RuntimeError: hipErrorNoBinaryForGpu');
    assert.equal(findVerdict(failed, KEY)!.evidence[0]!.outcome, 'fail');
    assert.deepEqual(start, emptyKb());
    const passed = recordEvidence(failed, KEY, probe('2026-11-21', 'noise'), 'pass');
    assert.equal(findVerdict(passed, KEY)!.evidence[1]!.output, undefined);
    assert.equal(findVerdict(failed, KEY)!.evidence.length, 1);
  });

  test('a passing relative-throughput measurement becomes the measured throughput', () => {
    const e: Evidence = {
      ...probe('2026-11-20'),
      measured: { metric: 'relative-throughput:training', value: 0.42, unit: 'ratio' },
    };
    const v = findVerdict(recordEvidence(emptyKb(), KEY, e, 'pass'), KEY)!;
    assert.deepEqual(v.relativeThroughput, { value: 0.42, estimated: false, workloadClass: 'training' });
  });
});

describe('export and import', () => {
  test('export is stable and round-trips', () => {
    const kb = seedKb();
    const text = exportKb(kb);
    assert.equal(exportKb({ ...kb, verdicts: [...kb.verdicts].reverse() }), text);
    assert.match(text, /^\{\n {2}"revision": \d+,\n {2}"schemaVersion": 1,/);
    const { kb: imported, added, updated, conflicts } = importKb(text, emptyKb());
    assert.equal(added, kb.verdicts.length);
    assert.equal(updated, 0);
    assert.deepEqual(conflicts, []);
    assert.equal(exportKb({ ...imported, revision: kb.revision }), text);
    const again = importKb(text, imported);
    assert.equal(again.kb, imported, 'importing the same text changes nothing');
  });

  test('newer evidence wins a conflict; evidence of both sides is kept', () => {
    const mine = upsertVerdict(emptyKb(), verdict(KEY.model));
    const theirs = upsertVerdict(
      emptyKb(),
      verdict(KEY.model, { status: 'fails', evidence: [{ ...probe('2026-11-28', 'x'), outcome: 'fail' }] }),
    );
    const result = importKb(exportKb(theirs), mine);
    assert.equal(result.updated, 1);
    assert.equal(result.conflicts.length, 1);
    assert.equal(result.conflicts[0]!.kept, 'incoming');
    const v = findVerdict(result.kb, KEY)!;
    assert.equal(v.status, 'fails');
    assert.equal(v.evidence.length, 2);
    assert.equal(result.kb.revision, mine.revision + 1);

    const older = upsertVerdict(
      emptyKb(),
      verdict(KEY.model, { status: 'fails', evidence: [{ ...probe('2026-10-01'), outcome: 'fail' }] }),
    );
    const kept = importKb(exportKb(older), mine);
    assert.equal(kept.conflicts[0]!.kept, 'existing');
    assert.equal(findVerdict(kept.kb, KEY)!.status, 'verified');
  });

  test('errors name the field path and nothing is imported', () => {
    const good = JSON.parse(exportKb(upsertVerdict(emptyKb(), verdict(KEY.model))));
    const bad = structuredClone(good);
    bad.verdicts.push({ ...structuredClone(good.verdicts[0]), model: 'other' });
    bad.verdicts[1].evidence[0].date = 'yesterday';
    bad.verdicts[1].capabilities.bf17 = 'verified';
    const existing = emptyKb();
    assert.throws(
      () => importKb(JSON.stringify(bad), existing),
      (error: unknown) => {
        assert.ok(error instanceof KnowledgeBaseImportError);
        const paths = error.issues.map((i) => i.path);
        assert.ok(paths.includes('verdicts[1].evidence[0].date'), paths.join());
        assert.ok(paths.includes('verdicts[1].capabilities'), paths.join());
        assert.ok(!paths.some((p) => p.startsWith('verdicts[0]')), paths.join());
        return true;
      },
    );
    assert.deepEqual(existing, emptyKb());
    assert.throws(() => importKb('{"schemaVersion": 2, "revision": 0, "verdicts": []}', existing), /schemaVersion/);
    assert.throws(() => importKb('not json', existing), KnowledgeBaseImportError);
    const dup = { ...good, verdicts: [good.verdicts[0], good.verdicts[0]] };
    assert.throws(() => importKb(JSON.stringify(dup), existing), /verdicts\[1\]: same key as verdicts\[0\]/);
  });
});
