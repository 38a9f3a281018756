/**
 * Crash safety with real processes: the server is killed with SIGKILL while jobs are pending
 * and running, then started again on the same data dir. Every accepted job is still there;
 * running replicas are re-attached (their real exit codes observed) or, when they vanished,
 * marked lost and retried only as their spec allows. No replica runs twice.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { JobView } from '../src/server/api-types.js';
import { api, cli, removeDir, specFile, startServer, tempDir, until } from './support/junction.js';

const dirs: string[] = [];
after(() => dirs.forEach(removeDir));

function spec(name: string, body: string): string {
  return `apiVersion: junction/v1\nkind: Job\nmetadata: {name: ${name}}\nspec:\n${body}`;
}

async function phaseOf(url: string, id: string): Promise<JobView> {
  return (await api<JobView>(url, `/api/v1/jobs/${id}`)).body;
}

async function submit(url: string, path: string): Promise<string> {
  const result = await cli(url, ['submit', path]);
  assert.equal(result.code, 0, result.stderr);
  return result.stdout.trim();
}

describe('crash safety', () => {
  test('kill -9 of the server loses no job and runs no replica twice', async () => {
    const dataDir = tempDir('crash');
    const work = tempDir('crash-work');
    dirs.push(dataDir, work);
    const marker = join(work, 'runs.txt');
    let server = await startServer({ dataDir });
    // Can never fit: stays Pending.
    const pending = await submit(
      server.url,
      specFile(
        work,
        'pending.yaml',
        spec(
          'pending',
          '  workload:\n    command: ["true"]\n  resources:\n    perReplica:\n      accelerators: {count: 64, vendors: [cambricon]}\n',
        ),
      ),
    );
    // Runs across the crash and exits 7: its end must be observed after the restart.
    const across = await submit(
      server.url,
      specFile(
        work,
        'across.yaml',
        spec('across', `  workload:\n    command: [sh, -c, "echo run >> ${marker}; sleep 6; exit 7"]\n`),
      ),
    );
    // Finishes while no server is running: its real outcome must still be recorded.
    const quick = await submit(
      server.url,
      specFile(work, 'quick.yaml', spec('quick', '  workload:\n    command: [sh, -c, "sleep 2; echo done"]\n')),
    );
    await until('both to run', async () => {
      const views = await Promise.all([across, quick].map((id) => phaseOf(server.url, id)));
      return views.every((v) => v.status.tasks[0]?.state === 'running') ? true : undefined;
    });
    await server.crash();
    await new Promise((r) => setTimeout(r, 2500)); // `quick` ends while nobody watches
    server = await startServer({ dataDir });
    try {
      const ids = (await api<{ items: JobView[] }>(server.url, '/api/v1/jobs')).body.items.map((j) => j.id).sort();
      assert.deepEqual(ids, [across, quick, pending].sort(), 'every accepted job is still there');
      const quickView = await until('quick to succeed', async () => {
        const v = await phaseOf(server.url, quick);
        return v.status.phase === 'Succeeded' ? v : undefined;
      });
      assert.equal(quickView.status.exitCode, 0);
      const acrossView = await until(
        'across to end',
        async () => {
          const v = await phaseOf(server.url, across);
          return v.status.phase === 'Failed' ? v : undefined;
        },
        20_000,
      );
      assert.equal(acrossView.status.exitCode, 7, 'the real exit code was observed after re-attaching');
      assert.equal(acrossView.status.attempt, 1);
      assert.equal(readFileSync(marker, 'utf8'), 'run\n', 'the replica ran exactly once');
      assert.equal((await phaseOf(server.url, pending)).status.phase, 'Pending');
      const events = (await api<{ items: { type: string }[] }>(server.url, `/api/v1/jobs/${across}/events`)).body.items;
      assert.ok(events.some((e) => e.type === 'Recovered'));
    } finally {
      await server.stop();
    }
  });

  test('a replica that vanished with the server is marked lost and retried as its spec allows', async () => {
    const dataDir = tempDir('lost');
    const work = tempDir('lost-work');
    dirs.push(dataDir, work);
    const marker = join(work, 'runs.txt');
    let server = await startServer({ dataDir });
    const body = (retries: number) =>
      `  workload:\n    command: [sh, -c, "echo $JUNCTION_ATTEMPT >> ${marker}-${retries}; sleep 60"]\n  runtime: {retries: ${retries}}\n`;
    const once = await submit(server.url, specFile(work, 'once.yaml', spec('once', body(0))));
    const twice = await submit(server.url, specFile(work, 'twice.yaml', spec('twice', body(1))));
    const pids = await until('both to run', async () => {
      const views = await Promise.all([once, twice].map((id) => phaseOf(server.url, id)));
      return views.every((v) => v.status.tasks[0]?.state === 'running') ? views : undefined;
    });
    assert.equal(pids.length, 2);
    await server.crash();
    // Kill the replicas too: the machine "lost" them while the control plane was down.
    for (const id of [once, twice]) {
      const taskDir = join(dataDir, 'sites', 'local', 'tasks', `${id}-r0-a1`);
      const runner = JSON.parse(readFileSync(join(taskDir, 'runner.json'), 'utf8')) as { runnerPid: number };
      process.kill(-runner.runnerPid, 'SIGKILL'); // the runner leads its own process group
    }
    server = await startServer({ dataDir });
    try {
      const failed = await until('once to fail', async () => {
        const v = await phaseOf(server.url, once);
        return v.status.phase === 'Failed' ? v : undefined;
      });
      assert.equal(failed.status.reason, 'TaskLost');
      assert.match(failed.status.message!, /lost/);
      const retried = await until('twice to start attempt 2', async () => {
        const v = await phaseOf(server.url, twice);
        return v.status.attempt === 2 && v.status.tasks.some((t) => t.attempt === 2 && t.state === 'running')
          ? v
          : undefined;
      });
      assert.equal(retried.status.phase, 'Running');
      await until('the retry to write its marker', async () =>
        readFileSync(`${marker}-1`, 'utf8') === '1\n2\n' ? true : undefined,
      );
      assert.equal(readFileSync(`${marker}-0`, 'utf8'), '1\n', 'a job without retries never runs again');
      await cli(server.url, ['cancel', twice]);
    } finally {
      await server.stop();
    }
  });
});
