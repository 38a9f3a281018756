import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tenantNameProblem, userNameProblem } from './names.js';

describe('names', () => {
  it('tenant names are DNS labels', () => {
    for (const ok of ['acme', 'a', 'acme-ai', 'x1']) assert.equal(tenantNameProblem(ok), undefined, ok);
    for (const bad of ['', 'Acme', '-acme', 'acme-', 'a_b', 'a'.repeat(64), 42])
      assert.match(tenantNameProblem(bad) ?? '', /lowercase/, String(bad));
  });
  it('user names allow emails', () => {
    for (const ok of ['alice', 'alice@acme.com', 'ci.bot-1']) assert.equal(userNameProblem(ok), undefined, ok);
    for (const bad of ['', '@alice', 'a b', 'a/b']) assert.ok(userNameProblem(bad), bad);
  });
});
