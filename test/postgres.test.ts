/**
 * Junction with its state in a real PostgreSQL server (started for this test): jobs, tenants,
 * tokens and metered usage survive a restart of the control plane, exactly as with SQLite.
 * Skipped with the reason when PostgreSQL is not installed, unless JUNCTION_REQUIRE_POSTGRES is set.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { JobView } from '../src/server/api-types.js';
import { postgresBinDir, startTestPostgres, type TestPostgres } from '../src/store/postgres/test-server.js';
import { api, cli, removeDir, type ServerProcess, specFile, startServer, tempDir, until } from './support/junction.js';

const available = postgresBinDir() !== undefined;
if (!available && process.env.JUNCTION_REQUIRE_POSTGRES)
  throw new Error('JUNCTION_REQUIRE_POSTGRES is set but PostgreSQL is not installed (apt-get install postgresql)');

describe('state in PostgreSQL', { skip: available ? false : 'PostgreSQL is not installed here' }, () => {
  let pg: TestPostgres;
  let server: ServerProcess;
  let dir: string;
  let config: string;

  before(async () => {
    pg = await startTestPostgres();
    const db = await pg.createDatabase();
    dir = tempDir('pg');
    config = `database: ${db.url}\n`;
    server = await startServer({ dataDir: dir, config });
  });
  after(async () => {
    await server?.stop();
    await pg?.stop();
    if (dir) removeDir(dir);
  });

  test('a job runs, is metered, and everything is there after a restart', async () => {
    assert.match(server.output(), /state: PostgreSQL postgres:\/\/junction@127\.0\.0\.1:\d+\/junction_test_/);
    const spec = specFile(
      dir,
      'pg.yaml',
      `apiVersion: junction/v1
kind: Job
metadata: {name: on-postgres}
spec:
  workload: {command: [sh, -c, "echo stored in postgres; sleep 1"]}
  resources: {perReplica: {cpu: 500m, memory: 128Mi, accelerators: {count: 1, vendors: [hygon]}}}
`,
    );
    const submitted = await cli(server.url, ['submit', spec, '--follow']);
    assert.equal(submitted.code, 0, submitted.stderr);
    assert.match(submitted.stdout, /stored in postgres/);
    const created = await api(server.url, '/api/v1/tenants', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'acme' }),
    });
    assert.equal(created.status, 201);
    const billBefore = (await api<{ totals: { costMicros: number }[] }>(server.url, '/api/v1/bills')).body;
    assert.ok((billBefore.totals[0]?.costMicros ?? 0) > 0, 'the job was metered');

    await server.stop();
    server = await startServer({ dataDir: dir, config });
    const jobs = (await api<{ items: JobView[] }>(server.url, '/api/v1/jobs?name=on-postgres')).body.items;
    assert.equal(jobs.length, 1);
    assert.equal(jobs[0]!.status.phase, 'Succeeded');
    const tenants = (await api<{ items: { name: string }[] }>(server.url, '/api/v1/tenants')).body.items;
    assert.ok(tenants.some((t) => t.name === 'acme'));
    const billAfter = (await api<{ totals: { costMicros: number }[] }>(server.url, '/api/v1/bills')).body;
    assert.deepEqual(billAfter.totals, billBefore.totals);
    const logs = await until('the logs', async () => {
      const r = await cli(server.url, ['logs', jobs[0]!.id]);
      return r.code === 0 ? r.stdout : undefined;
    });
    assert.match(logs, /stored in postgres/);
  });
});
