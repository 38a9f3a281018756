/**
 * The Store contract: the behaviour every Store implementation must show. Each implementation's
 * test file calls `storeContract` once per way of opening it. An implementation may skip a case
 * only with a written reason (`t.skip('why')`).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type StoreOpener, withStore } from './contract-harness.js';
import { pagingContract } from './contract-paging.js';
import { platformContract } from './contract-platform.js';
import { StoreError } from './errors.js';
import { isoAt, jobFixture, specFixture, taskFixture } from './fixtures.js';
import { JOB_PHASES, type JobRecord, type NewEvent, type Store, type TaskRecord } from './types.js';

export type { OpenedStore, StoreOpener } from './contract-harness.js';

const ALL_TASK_STATES: TaskRecord['state'][] = ['pending', 'running', 'succeeded', 'failed', 'cancelled', 'lost'];

/** Everything a store holds, read through the port, for before/after comparisons. */
async function snapshot(store: Store) {
  return {
    jobs: (await store.listJobs({ limit: 500 })).items,
    tasks: await store.tasksInStates(ALL_TASK_STATES),
    events: await store.listEvents({}),
    counts: await store.countJobsByPhase(),
  };
}

function event(jobId: string | null, type: string, data?: Record<string, unknown>): NewEvent {
  const made: NewEvent = { at: isoAt(10), jobId, type, message: `${type} happened` };
  if (data !== undefined) made.data = data;
  return made;
}

export function storeContract(name: string, open: StoreOpener): void {
  describe(`Store contract: ${name}`, () => {
    test('a full job record round-trips, nested spec and placement included', () =>
      withStore(open, async ({ store }) => {
        const running = jobFixture();
        const finished = jobFixture({
          phase: 'Failed',
          reason: 'ExitCode',
          message: null,
          placement: null,
          exitCode: -9,
          cancelRequested: true,
          finishedAt: isoAt(99),
          spec: specFixture({ labels: {} }),
        });
        await store.commit({ jobs: [running, finished] });
        assert.deepEqual(await store.getJob(running.id), running);
        assert.deepEqual(await store.getJob(finished.id), finished);
        assert.equal(await store.getJob('no-such-job'), undefined);
      }));

    test('commit replaces every column of an existing job', () =>
      withStore(open, async ({ store }) => {
        const job = jobFixture();
        await store.commit({ jobs: [job] });
        const replaced: JobRecord = {
          ...job,
          tenant: 'globex',
          name: 'renamed',
          queue: 'batch',
          spec: specFixture({ name: 'renamed', labels: { team: 'nlp' }, priority: 'low' }),
          source: 'other text',
          phase: 'Succeeded',
          reason: null,
          message: 'done',
          attempt: 3,
          placement: null,
          exitCode: 0,
          cancelRequested: true,
          createdAt: isoAt(1),
          updatedAt: isoAt(50),
          startedAt: null,
          finishedAt: isoAt(49),
        };
        await store.commit({ jobs: [replaced] });
        assert.deepEqual(await store.getJob(job.id), replaced);
        assert.deepEqual((await store.listJobs({})).items, [replaced]);
      }));

    test('the same id twice in one commit: the last record wins', () =>
      withStore(open, async ({ store }) => {
        const first = jobFixture({ phase: 'Pending' });
        const last = { ...first, phase: 'Running' as const, attempt: 2 };
        const task = taskFixture(first);
        await store.commit({ jobs: [first, last], tasks: [task, { ...task, state: 'succeeded', exitCode: 0 }] });
        assert.deepEqual(await store.getJob(first.id), last);
        assert.deepEqual(await store.tasksOfJob(first.id), [{ ...task, state: 'succeeded', exitCode: 0 }]);
      }));

    test('tasks by job (attempt, then replica) and by state (oldest first); upsert moves state', () =>
      withStore(open, async ({ store }) => {
        const a = jobFixture({ createdAt: isoAt(1) });
        const b = jobFixture({ createdAt: isoAt(2) });
        const a0second = taskFixture(a, {
          replica: 0,
          attempt: 2,
          state: 'pending',
          handle: null,
          createdAt: isoAt(9),
        });
        const a1 = taskFixture(a, { replica: 1, attempt: 1, state: 'failed', exitCode: 1, message: 'oom' });
        const a0 = taskFixture(a, { replica: 0, attempt: 1, state: 'failed', exitCode: 137, finishedAt: isoAt(8) });
        const b0 = taskFixture(b, { state: 'running', createdAt: isoAt(3) });
        await store.commit({ jobs: [a, b], tasks: [a0second, a1, a0, b0] });

        assert.deepEqual(await store.tasksOfJob(a.id), [a0, a1, a0second]);
        assert.deepEqual(await store.tasksOfJob(b.id), [b0]);
        assert.deepEqual(await store.tasksOfJob('no-such-job'), []);
        assert.deepEqual(await store.tasksInStates(['pending', 'running']), [b0, a0second]);
        assert.deepEqual(await store.tasksInStates(['failed']), [a0, a1]);
        assert.deepEqual(await store.tasksInStates([]), []);

        const started = { ...a0second, state: 'running' as const, handle: 'pid:77', startedAt: isoAt(10) };
        await store.commit({ tasks: [started] });
        assert.deepEqual(await store.tasksInStates(['pending']), []);
        assert.deepEqual(await store.tasksInStates(['running']), [b0, started]);
      }));

    test('events come back in seq order, filtered by job, after a seq, up to a limit', () =>
      withStore(open, async ({ store }) => {
        const a = jobFixture();
        const b = jobFixture();
        const written = [
          event(a.id, 'Submitted'),
          event(null, 'BackendLost', { site: 'emu-hygon', nodes: ['n0', 'n1'], nested: { ok: true, n: 1.5 } }),
          event(b.id, 'Submitted'),
          event(a.id, 'Scheduled', { placement: a.placement }),
        ];
        await store.commit({ jobs: [a, b], events: written.slice(0, 2) });
        await store.commit({ events: written.slice(2) });

        const all = await store.listEvents({});
        assert.equal(all.length, 4);
        for (let i = 1; i < all.length; i++) assert.ok(all[i]!.seq > all[i - 1]!.seq, 'seq strictly increases');
        assert.deepEqual(
          all,
          written.map((made, i) => ({ ...made, seq: all[i]!.seq })),
        );
        const [first, second, , fourth] = all;
        assert.deepEqual(await store.listEvents({ jobId: a.id }), [first, fourth]);
        assert.deepEqual(await store.listEvents({ afterSeq: first!.seq }), all.slice(1));
        assert.deepEqual(await store.listEvents({ jobId: a.id, afterSeq: first!.seq }), [fourth]);
        assert.deepEqual(await store.listEvents({ limit: 2 }), [first, second]);
        assert.deepEqual(await store.listEvents({ afterSeq: fourth!.seq }), []);
        assert.deepEqual(await store.listEvents({ jobId: 'no-such-job' }), []);
      }));

    test('countJobsByPhase reports every phase, zeros included', () =>
      withStore(open, async ({ store }) => {
        const zeros = Object.fromEntries(JOB_PHASES.map((phase) => [phase, 0]));
        assert.deepEqual(await store.countJobsByPhase(), zeros);
        await store.commit({
          jobs: [jobFixture({ phase: 'Pending' }), jobFixture({ phase: 'Pending' }), jobFixture({ phase: 'Failed' })],
        });
        assert.deepEqual(await store.countJobsByPhase(), { ...zeros, Pending: 2, Failed: 1 });
      }));

    test('jobsInPhases returns the jobs in those phases, oldest first', () =>
      withStore(open, async ({ store }) => {
        const newest = jobFixture({ id: 'j-a', phase: 'Pending', createdAt: isoAt(30) });
        const oldest = jobFixture({ id: 'j-b', phase: 'Running', createdAt: isoAt(10) });
        const tieLater = jobFixture({ id: 'j-d', phase: 'Pending', createdAt: isoAt(20) });
        const tieEarlier = jobFixture({ id: 'j-c', phase: 'Running', createdAt: isoAt(20) });
        const done = jobFixture({ id: 'j-e', phase: 'Succeeded', createdAt: isoAt(5) });
        await store.commit({ jobs: [newest, oldest, tieLater, tieEarlier, done] });
        assert.deepEqual(await store.jobsInPhases(['Pending', 'Running']), [oldest, tieEarlier, tieLater, newest]);
        assert.deepEqual(await store.jobsInPhases(['Succeeded']), [done]);
        assert.deepEqual(await store.jobsInPhases(['Cancelled']), []);
        assert.deepEqual(await store.jobsInPhases([]), []);
      }));

    pagingContract(open);
    platformContract(open);

    test('a commit that fails midway leaves the store exactly as before', () =>
      withStore(open, async ({ store }) => {
        const kept = jobFixture({ phase: 'Pending' });
        await store.commit({ jobs: [kept], tasks: [taskFixture(kept)], events: [event(kept.id, 'Submitted')] });
        const before = await snapshot(store);

        const added = jobFixture();
        const failing = store.commit({
          jobs: [{ ...kept, phase: 'Running', attempt: 9 }, added],
          tasks: [taskFixture(added), { ...taskFixture(kept), state: 'lost' }],
          // JSON cannot hold a BigInt: the last row of the commit fails to serialize.
          events: [event(added.id, 'Submitted'), event(added.id, 'Broken', { size: 10n })],
        });
        await assert.rejects(failing, (error: unknown) => {
          assert.ok(error instanceof StoreError, 'a StoreError');
          assert.equal(error.code, 'CommitFailed');
          assert.ok(error.cause !== undefined, 'the failure is kept as cause');
          return true;
        });
        assert.deepEqual(await snapshot(store), before);

        await store.commit({ events: [event(kept.id, 'Scheduled')] });
        const events = await store.listEvents({});
        assert.equal(events.length, 2);
        assert.ok(events[1]!.seq > events[0]!.seq, 'seq keeps increasing after a failed commit');
      }));

    test('a commit that breaks a constraint (task of an unknown job) changes nothing', () =>
      withStore(open, async ({ store }) => {
        const before = await snapshot(store);
        const job = jobFixture();
        const orphan = taskFixture(jobFixture({ id: 'never-committed' }));
        await assert.rejects(store.commit({ jobs: [job], tasks: [orphan] }), StoreError);
        assert.deepEqual(await snapshot(store), before);
        assert.equal(await store.getJob(job.id), undefined);
      }));

    test('an empty commit is a no-op', () =>
      withStore(open, async ({ store }) => {
        await store.commit({});
        await store.commit({ jobs: [], tasks: [], events: [] });
        assert.deepEqual((await snapshot(store)).jobs, []);
      }));

    test('documents keep every revision; a revision cannot be written twice', () =>
      withStore(open, async ({ store }) => {
        assert.equal(await store.latestDocument('kb'), undefined);
        const doc = (revision: number, body: string) => ({ name: 'kb', revision, body, createdAt: isoAt(revision) });
        await store.commit({ documents: [doc(1, '{"a":1}')], events: [event(null, 'KnowledgeUpdated')] });
        await store.commit({ documents: [doc(2, '{"a":2}'), { ...doc(1, 'other'), name: 'other' }] });
        assert.deepEqual(await store.latestDocument('kb'), doc(2, '{"a":2}'));
        assert.deepEqual(
          (await store.documentHistory('kb')).map((d) => d.revision),
          [2, 1],
        );
        assert.deepEqual(
          (await store.documentHistory('kb', 1)).map((d) => d.body),
          ['{"a":2}'],
        );
        const before = await snapshot(store);
        await assert.rejects(
          store.commit({ documents: [doc(2, 'racing writer')], events: [event(null, 'Lost')] }),
          StoreError,
        );
        assert.deepEqual(await snapshot(store), before, 'the losing writer changed nothing');
        assert.equal((await store.latestDocument('kb'))!.body, '{"a":2}');
      }));

    test('reopening keeps every job, task and event, and seq continues', (t) =>
      withStore(open, async ({ store, reopen }) => {
        if (reopen === undefined) {
          t.skip('this store does not outlive close (in-memory)');
          return;
        }
        const job = jobFixture();
        const tasks = [taskFixture(job), taskFixture(job, { replica: 1 })];
        await store.commit({ jobs: [job], tasks, events: [event(job.id, 'Submitted'), event(null, 'Started')] });
        const before = await snapshot(store);
        await store.close();

        const again = await reopen();
        try {
          assert.deepEqual(await snapshot(again), before);
          assert.deepEqual(await again.getJob(job.id), job);
          await again.commit({ events: [event(job.id, 'Recovered')] });
          const events = await again.listEvents({});
          assert.ok(events[2]!.seq > events[1]!.seq, 'seq continues after reopen');
        } finally {
          await again.close();
        }
      }));
  });
}
