/**
 * The Store contract against a real PostgreSQL server started for this test. Without PostgreSQL
 * installed the tests are skipped with the reason, unless JUNCTION_REQUIRE_POSTGRES is set (CI sets
 * it after installing Debian's postgresql), where a missing server fails.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { storeContract } from '../contract.js';
import { StoreError } from '../errors.js';
import { openPostgresStore, redactUrl } from './postgres-store.js';
import { postgresBinDir, startTestPostgres, type TestPostgres } from './test-server.js';

const available = postgresBinDir() !== undefined;
if (!available && process.env.JUNCTION_REQUIRE_POSTGRES)
  throw new Error('JUNCTION_REQUIRE_POSTGRES is set but PostgreSQL is not installed (apt-get install postgresql)');

describe('PostgreSQL store', { skip: available ? false : 'PostgreSQL is not installed here' }, () => {
  let server: TestPostgres;
  before(async () => {
    server = await startTestPostgres();
  });
  after(async () => {
    await server?.stop();
  });

  storeContract('postgresql', async () => {
    const db = await server.createDatabase();
    const store = await openPostgresStore(db.url);
    return {
      store,
      reopen: () => openPostgresStore(db.url),
      cleanup: async () => {
        await store.close();
        await db.drop();
      },
    };
  });

  test('opening an unreachable server fails with OpenFailed and no password in the message', async () => {
    const error = await openPostgresStore('postgres://junction:s3cret@127.0.0.1:1/none').then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof StoreError);
    assert.equal(error.code, 'OpenFailed');
    assert.doesNotMatch(error.message, /s3cret/);
  });

  test('redactUrl hides the password only', () => {
    assert.equal(redactUrl('postgres://u:pw@h:5432/db'), 'postgres://u:***@h:5432/db');
    assert.equal(redactUrl('postgres://u@h/db'), 'postgres://u@h/db');
  });
});
