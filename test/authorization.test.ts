/**
 * The authorization matrix against a real server: every API route × every role × the caller's own
 * tenant and another's, with the status each must get. Also: no token, a revoked and an expired
 * token are refused, and no token secret ever appears in a response body or in the server's log.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  may,
  PUBLIC,
  ROUTES,
  type Role,
  type Scope,
  siteBody,
  type World,
  yaml,
} from './support/authorization-routes.js';
import { adminToken, api, removeDir, type ServerProcess, startServer, tempDir } from './support/junction.js';

describe('authorization matrix', () => {
  let server: ServerProcess;
  let dir: string;
  const tokens = {} as Record<Role, string>;
  const secrets: string[] = [];
  const bodies: string[] = [];
  let world: World;

  const call = async (token: string | null, method: string, path: string, body?: string, type?: string) => {
    const res = await api<unknown>(
      server.url,
      path,
      { method, ...(body !== undefined && { body, headers: { 'content-type': type ?? 'application/json' } }) },
      token,
    );
    bodies.push(typeof res.body === 'string' ? res.body : JSON.stringify(res.body));
    return res;
  };

  before(async () => {
    dir = tempDir('authz');
    server = await startServer({ dataDir: dir });
    const admin = adminToken(server.url);
    secrets.push(admin);
    const issue = async (tenant: string, user: string, role: string, extra: object = {}) => {
      const res = await api<{ token: string; id: string }>(server.url, '/api/v1/tokens', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenant, user, role, ...extra }),
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      secrets.push(res.body.token);
      return res.body;
    };
    for (const name of ['acme', 'globex']) {
      const res = await api(server.url, '/api/v1/tenants', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name }),
      });
      assert.equal(res.status, 201);
    }
    tokens.admin = admin;
    tokens.provider = (await issue('east-partner', 'ops', 'provider')).token;
    const register = async (token: string, body: object) => {
      const res = await api(
        server.url,
        '/api/v1/sites',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
        token,
      );
      assert.equal(res.status, 201, JSON.stringify(res.body));
    };
    await register(tokens.provider, siteBody('partner-site'));
    await register(admin, siteBody('other-partner-site', 'south-partner'));
    tokens.member = (await issue('acme', 'alice', 'member')).token;
    tokens.viewer = (await issue('acme', 'victor', 'viewer')).token;
    const globexMember = (await issue('globex', 'gina', 'member')).token;
    const submit = async (token: string, name: string) => {
      const res = await api<{ id: string }>(
        server.url,
        '/api/v1/jobs',
        { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: yaml(name) },
        token,
      );
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body.id;
    };
    world = {
      jobs: { acme: await submit(tokens.member, 'acme-job'), globex: await submit(globexMember, 'globex-job') },
      tenantOf: { admin: 'default', provider: 'east-partner', member: 'acme', viewer: 'acme' },
      otherOf: { admin: 'globex', provider: 'acme', member: 'globex', viewer: 'globex' },
      spareToken: async () => (await issue('acme', 'spare', 'viewer')).id,
    };
  });

  after(async () => {
    await server?.stop();
    if (dir) removeDir(dir);
  });

  test('the table covers every route the server documents', async () => {
    const doc = (await api<{ paths: Record<string, Record<string, unknown>> }>(server.url, '/openapi.json')).body;
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const known = new Set([...ROUTES.map((r) => `${r.method} ${r.pattern}`), ...PUBLIC]);
    const missing = documented.filter((r) => !known.has(r) && r !== 'GET /metrics');
    assert.deepEqual(missing, [], 'every documented route needs a row in this matrix');
  });

  for (const route of ROUTES) {
    test(`${route.method} ${route.pattern}`, async () => {
      const anonymous = await route.request(world, 'member', 'own');
      const none = await call(null, route.method, anonymous.path, anonymous.body, anonymous.type);
      assert.equal(none.status, 401, `no token: ${JSON.stringify(none.body)}`);
      const garbage = await call(
        `jct_aaaaaaaaaaaa_${'A'.repeat(43)}`,
        route.method,
        anonymous.path,
        anonymous.body,
        anonymous.type,
      );
      assert.equal(garbage.status, 401, 'an unknown token');
      for (const role of ['admin', 'provider', 'member', 'viewer'] as Role[]) {
        for (const scope of route.scoped ? (['own', 'other'] as Scope[]) : (['own'] as Scope[])) {
          const req = await route.request(world, role, scope);
          const res = await call(tokens[role], route.method, req.path, req.body, req.type);
          const what = `${role} on ${scope} tenant: ${req.path} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
          if (!may(role, route.permission) || route.refused?.includes(role)) {
            assert.equal(res.status, 403, what);
            assert.match(JSON.stringify(res.body), /"code":"forbidden"/, what);
          } else if (scope === 'other' && role !== 'admin') {
            assert.equal(res.status, 404, what);
          } else {
            assert.ok(res.status < 500 && ![401, 403, 404].includes(res.status), what);
          }
        }
      }
    });
  }

  test('a tenant’s users are the names its tokens were issued to', async () => {
    const users = (await call(tokens.member, 'GET', '/api/v1/tenants/acme/users')).body as {
      items: { user: string; roles: string[]; activeTokens: number }[];
    };
    const alice = users.items.find((u) => u.user === 'alice');
    assert.deepEqual(alice?.roles, ['member']);
    assert.ok(users.items.some((u) => u.user === 'victor'));
    assert.ok(!users.items.some((u) => u.user === 'gina'), 'globex’s people are not listed');
  });

  test('a provider sees which tenants used its sites, not who inside them', async () => {
    assert.equal((await call(tokens.provider, 'GET', '/api/v1/usage?by=tenant,site')).status, 200);
    const byUser = await call(tokens.provider, 'GET', '/api/v1/usage?by=user');
    assert.equal(byUser.status, 403);
    assert.match(JSON.stringify(byUser.body), /may not group by user/);
  });

  test('public routes need no token', async () => {
    for (const route of PUBLIC) {
      const [method, path] = route.split(' ') as [string, string];
      assert.equal((await call(null, method, path)).status, 200, route);
    }
  });

  test('a revoked token and an expired token are refused', async () => {
    const issue = async (extra: object) => {
      const res = await call(
        tokens.admin,
        'POST',
        '/api/v1/tokens',
        JSON.stringify({ tenant: 'acme', user: 'temp', role: 'member', ...extra }),
      );
      const created = res.body as { token: string; id: string };
      secrets.push(created.token);
      return created;
    };
    const revoked = await issue({});
    assert.equal((await call(revoked.token, 'GET', '/api/v1/jobs')).status, 200);
    assert.equal((await call(tokens.admin, 'DELETE', `/api/v1/tokens/${revoked.id}`)).status, 200);
    assert.equal((await call(revoked.token, 'GET', '/api/v1/jobs')).status, 401);
    const expiring = await issue({ expiresInDays: 1 / 86_400 }); // one second
    await new Promise((r) => setTimeout(r, 1_200));
    const res = await call(expiring.token, 'GET', '/api/v1/jobs');
    assert.equal(res.status, 401);
    // The refusal does not say which check failed: a caller learns only that the token does not work.
    assert.equal(JSON.stringify(res.body), JSON.stringify((await call(revoked.token, 'GET', '/api/v1/jobs')).body));
  });

  test('a token’s own rate and request-size limits hold', async () => {
    const res = await call(
      tokens.admin,
      'POST',
      '/api/v1/tokens',
      JSON.stringify({ tenant: 'acme', user: 'bot', role: 'member', requestsPerMinute: 3, maxBodyBytes: 200 }),
    );
    const limited = (res.body as { token: string }).token;
    secrets.push(limited);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await call(limited, 'GET', '/api/v1/queues')).status);
    assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
    const refused = await call(limited, 'GET', '/api/v1/queues');
    assert.match(JSON.stringify(refused.body), /"code":"rate_limited".*3 requests per minute/);
    assert.equal(
      (await call(tokens.member, 'GET', '/api/v1/queues')).status,
      200,
      'other tokens are not limited by it',
    );
    const other = (
      await call(
        tokens.admin,
        'POST',
        '/api/v1/tokens',
        JSON.stringify({ tenant: 'acme', user: 'bot2', role: 'member', maxBodyBytes: 200 }),
      )
    ).body as { token: string };
    secrets.push(other.token);
    const big = await call(
      other.token,
      'POST',
      '/api/v1/spec/validate',
      `${yaml('big')}# ${'x'.repeat(300)}\n`,
      'application/yaml',
    );
    assert.equal(big.status, 413);
    assert.match(JSON.stringify(big.body), /at most 200 bytes/);
  });

  test('no token secret appears in any response body (but its creation) or in the server log', async () => {
    // The secret is what follows `jct_<12-char id>_` (it may itself contain "_").
    const secretParts = secrets.map((t) => t.slice('jct_'.length + 13));
    const creations = bodies.filter((b) => b.includes('"token":"jct_'));
    for (const body of bodies.filter((b) => !creations.includes(b)))
      for (const secret of secretParts)
        assert.ok(!body.includes(secret), `a response leaked a token: ${body.slice(0, 200)}`);
    const log = server.output();
    for (const secret of secretParts) assert.ok(!log.includes(secret), 'the server log holds a token');
    const audit = await call(tokens.admin, 'GET', '/api/v1/audit?limit=1000');
    const entries = (audit.body as { items: { status: number; user: string | null }[] }).items;
    assert.ok(
      entries.some((e) => e.status === 401 && e.user === null),
      'refused calls are audited too',
    );
    assert.ok(
      entries.some((e) => e.status === 403 && e.user === 'victor'),
      'forbidden calls name who tried',
    );
  });
});
