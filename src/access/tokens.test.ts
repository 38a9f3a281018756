import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashSecret, newToken, parseToken, redactToken, secretMatches } from './tokens.js';
import type { TokenRecord } from './types.js';
import { checkToken } from './verify.js';

function record(overrides: Partial<TokenRecord> & { hash: string; id: string }): TokenRecord {
  return {
    tenant: 'acme',
    user: 'alice',
    role: 'member',
    name: 'laptop',
    createdAt: '2026-01-01T00:00:00.000Z',
    expiresAt: null,
    revokedAt: null,
    lastUsedAt: null,
    requestsPerMinute: null,
    maxBodyBytes: null,
    ...overrides,
  };
}

describe('tokens', () => {
  it('are random, parse back, and only their hash is needed to check them', () => {
    const a = newToken();
    const b = newToken();
    assert.notEqual(a.token, b.token);
    assert.notEqual(a.id, b.id);
    const parsed = parseToken(a.token);
    assert.ok(parsed);
    assert.equal(parsed.id, a.id);
    assert.equal(a.hash, hashSecret(parsed.secret));
    assert.ok(!a.token.includes(a.hash), 'the stored hash is not part of the token');
    assert.ok(secretMatches(parsed.secret, a.hash));
    assert.ok(!secretMatches(`${parsed.secret.slice(0, -1)}x`, a.hash));
  });

  it('refuses anything not shaped like a token', () => {
    for (const bad of ['', 'jct_', 'Bearer x', 'jct_ABCDEFGHIJKL_short', `jct_abcdefghijkl_${'a'.repeat(44)}`])
      assert.equal(parseToken(bad), undefined, bad);
  });

  it('redacts to the public id', () => {
    const t = newToken();
    const shown = redactToken(t.token);
    assert.equal(shown, `jct_${t.id}_…`);
    assert.ok(!shown.includes(parseToken(t.token)!.secret));
  });
});

describe('checkToken', () => {
  const t = newToken();
  const now = new Date('2026-06-01T00:00:00Z');
  const cases: { name: string; presented: string; rec?: Partial<TokenRecord>; want: string }[] = [
    { name: 'a good token', presented: t.token, want: 'ok' },
    { name: 'garbage', presented: 'hello', want: 'malformed' },
    { name: 'an unknown id', presented: newToken().token, want: 'unknown' },
    { name: 'a wrong secret', presented: `jct_${t.id}_${'A'.repeat(43)}`, want: 'mismatch' },
    { name: 'a revoked token', presented: t.token, rec: { revokedAt: '2026-05-01T00:00:00Z' }, want: 'revoked' },
    { name: 'an expired token', presented: t.token, rec: { expiresAt: '2026-06-01T00:00:00Z' }, want: 'expired' },
    { name: 'a token expiring later', presented: t.token, rec: { expiresAt: '2026-06-01T00:00:01Z' }, want: 'ok' },
  ];
  for (const c of cases) {
    it(`${c.name} → ${c.want}`, () => {
      const rec = record({ id: t.id, hash: t.hash, ...c.rec });
      const result = checkToken(c.presented, (id) => (id === rec.id ? rec : undefined), now);
      assert.equal(result.ok ? 'ok' : result.reason, c.want);
      if (result.ok) assert.deepEqual([result.principal.tenant, result.principal.role], ['acme', 'member']);
    });
  }
});
