import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { storeContract } from '../contract.js';
import { StoreError } from '../errors.js';
import { openSqliteStore } from './sqlite-store.js';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'junction-store-'));
}

storeContract('sqlite file', async () => {
  const dir = await tempDir();
  // A missing parent directory is created on open.
  const path = join(dir, 'nested', 'state', 'junction.db');
  const store = await openSqliteStore(path);
  return {
    store,
    reopen: () => openSqliteStore(path),
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

storeContract('sqlite :memory:', async () => {
  const store = await openSqliteStore(':memory:');
  return { store, cleanup: () => store.close() };
});

test('a job committed right before the process is SIGKILLed is there after reopening', async () => {
  const dir = await tempDir();
  const path = join(dir, 'junction.db');
  const script = fileURLToPath(new URL('./testdata/commit-then-wait.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, path, 'crash-job'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('committed\n')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`child exited early (${code}): ${stderr}`)));
    });
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    const [, signal] = await exited;
    assert.equal(signal, 'SIGKILL');

    const store = await openSqliteStore(path);
    try {
      const job = await store.getJob('crash-job');
      assert.equal(job?.phase, 'Pending');
      assert.deepEqual(
        (await store.listEvents({ jobId: 'crash-job' })).map((event) => event.type),
        ['Submitted'],
      );
    } finally {
      await store.close();
    }
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
});

test('opening a path that cannot be a database fails with a StoreError', async () => {
  const dir = await tempDir();
  try {
    await assert.rejects(openSqliteStore(dir), (error: unknown) => {
      assert.ok(error instanceof StoreError);
      assert.equal(error.code, 'OpenFailed');
      assert.ok(error.cause instanceof Error);
      return true;
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
