/** The platform part of the Store contract: tenants, tokens, the audit log and metered usage. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuditEntry, TokenRecord } from '../access/types.js';
import { meterRun } from '../metering/meter.js';
import { run } from '../metering/testing.js';
import { type StoreOpener, withStore } from './contract-harness.js';
import { isoAt, jobFixture } from './fixtures.js';

function token(id: string, overrides: Partial<TokenRecord> = {}): TokenRecord {
  return {
    id,
    tenant: 'acme',
    user: 'alice',
    role: 'member',
    name: 'laptop',
    hash: 'ab'.repeat(32),
    createdAt: isoAt(1),
    expiresAt: null,
    revokedAt: null,
    lastUsedAt: null,
    requestsPerMinute: null,
    maxBodyBytes: null,
    ...overrides,
  };
}

function audit(i: number, tenant: string | null): AuditEntry {
  return {
    at: isoAt(i),
    tenant,
    user: tenant ? 'alice' : null,
    role: tenant ? 'member' : null,
    tokenId: tenant ? 'tok' : null,
    method: 'POST',
    route: '/api/v1/jobs',
    target: null,
    status: tenant ? 201 : 401,
    ip: '127.0.0.1',
  };
}

export function platformContract(open: StoreOpener): void {
  test('tenants are upserted by name and listed by name', () =>
    withStore(open, async ({ store }) => {
      await store.commit({
        tenants: [
          { name: 'globex', displayName: 'Globex', createdAt: isoAt(1) },
          { name: 'acme', displayName: 'Acme', createdAt: isoAt(2) },
        ],
      });
      await store.commit({ tenants: [{ name: 'acme', displayName: 'Acme AI', createdAt: isoAt(3) }] });
      assert.deepEqual(
        (await store.listTenants()).map((t) => [t.name, t.displayName, t.createdAt]),
        [
          ['acme', 'Acme AI', isoAt(2)],
          ['globex', 'Globex', isoAt(1)],
        ],
      );
    }));

  test('tokens round-trip with every field, and an update (revocation) replaces the record', () =>
    withStore(open, async ({ store }) => {
      const a = token('aaaaaaaaaaaa', { expiresAt: isoAt(100), requestsPerMinute: 60, maxBodyBytes: 4096 });
      const b = token('bbbbbbbbbbbb', { role: 'viewer', createdAt: isoAt(2) });
      await store.commit({ tokens: [a, b] });
      assert.deepEqual(await store.listTokens(), [a, b]);
      const revoked = { ...a, revokedAt: isoAt(50), lastUsedAt: isoAt(40) };
      await store.commit({ tokens: [revoked] });
      assert.deepEqual(await store.listTokens(), [revoked, b]);
    }));

  test('the audit log keeps every entry, newest first, filtered by tenant and paged by seq', () =>
    withStore(open, async ({ store }) => {
      await store.commit({ audit: [audit(1, 'acme'), audit(2, null), audit(3, 'globex'), audit(4, 'acme')] });
      const all = await store.listAudit({});
      assert.deepEqual(
        all.map((e) => [e.at, e.tenant, e.status]),
        [
          [isoAt(4), 'acme', 201],
          [isoAt(3), 'globex', 201],
          [isoAt(2), null, 401],
          [isoAt(1), 'acme', 201],
        ],
      );
      assert.deepEqual(
        (await store.listAudit({ tenant: 'acme' })).map((e) => e.at),
        [isoAt(4), isoAt(1)],
      );
      const older = await store.listAudit({ beforeSeq: all[1]!.seq, limit: 1 });
      assert.deepEqual(
        older.map((e) => e.at),
        [isoAt(2)],
      );
    }));

  test('usage records round-trip, filter by tenant, provider and days, and metering twice replaces', () =>
    withStore(open, async ({ store }) => {
      const acme = meterRun(run({ taskId: 't1', startedAt: '2026-11-29T23:00:00Z', endedAt: '2026-11-30T01:00:00Z' }));
      const globex = meterRun(run({ taskId: 't2', tenant: 'globex', provider: 'west-dc' }));
      assert.equal(acme.length, 2, 'a run across midnight is two records');
      await store.commit({ usage: [...acme, ...globex] });
      await store.commit({ usage: acme });
      assert.deepEqual(await store.listUsage({ tenant: 'acme' }), acme);
      assert.deepEqual(await store.listUsage({ provider: 'west-dc' }), globex);
      assert.deepEqual(
        (await store.listUsage({ fromDay: '2026-11-30', toDay: '2026-12-01' })).map((r) => [r.taskId, r.day]),
        [['t1', '2026-11-30']],
      );
      assert.equal((await store.listUsage({})).length, 3);
    }));

  test('usage commits with the task end it belongs to, or not at all', () =>
    withStore(open, async ({ store }) => {
      const usage = meterRun(run({ taskId: 't9' }));
      const bad = jobFixture({ id: 'j-bad' });
      (bad as unknown as { spec: unknown }).spec = { toJSON: () => undefined };
      await assert.rejects(store.commit({ jobs: [bad], usage }));
      assert.deepEqual(await store.listUsage({}), []);
    }));
}
