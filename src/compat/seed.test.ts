import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allModels, getModel } from '../catalog/index.js';
import { emptyKb, exportKb, importKb } from './knowledge-base.js';
import { seedKb, seedVerdicts } from './seed.js';
import { verdictKeyString } from './types.js';

describe('seed knowledge', () => {
  const verdicts = seedVerdicts();

  test('every vendor family in the catalog has a PyTorch verdict on its native stack', () => {
    for (const vendor of new Set(allModels().map((m) => m.vendor))) {
      const mine = verdicts.filter((v) => getModel(v.model)?.vendor === vendor);
      assert.ok(mine.length > 0, vendor);
      for (const v of mine) {
        assert.equal(v.framework, 'pytorch');
        assert.equal(v.stack, getModel(v.model)!.stack, `${v.model} on its native stack`);
      }
    }
  });

  test('every verdict names a catalog model and has a unique key', () => {
    for (const v of verdicts) assert.ok(getModel(v.model), v.model);
    assert.equal(new Set(verdicts.map(verdictKeyString)).size, verdicts.length);
  });

  test('every verdict that is not unknown cites dated documents, and no measurement is invented', () => {
    for (const v of verdicts) {
      for (const e of v.evidence) {
        assert.equal(e.kind, 'document');
        assert.match(e.date, /^\d{4}-\d{2}(-\d{2})?$/);
        assert.equal(e.measured, undefined);
      }
      assert.equal(v.relativeThroughput, undefined);
      if (v.status !== 'unknown') {
        assert.ok(
          v.evidence.some((e) => e.url?.startsWith('https://')),
          `${v.model} cites a public URL`,
        );
      }
    }
  });

  test('a verdict without a stated framework version stays unknown', () => {
    for (const v of verdicts.filter((x) => x.frameworkVersion === '*')) assert.equal(v.status, 'unknown', v.model);
  });

  test('the seed passes the import validation', () => {
    const kb = seedKb();
    assert.equal(importKb(exportKb(kb), emptyKb()).added, kb.verdicts.length);
  });
});
