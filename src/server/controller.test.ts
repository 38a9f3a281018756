/**
 * Control-loop behaviour that real backends cannot be made to show on demand (a backend that
 * refuses a replica). The Backend here is a scripted stand-in for the port, clearly not a real
 * backend; the store is the real SQLite store in memory.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Backend, TaskSpec, TaskStatus } from '../backends/types.js';
import type { NodeInfo, SiteInfo } from '../cluster/types.js';
import { compileProfile, DEFAULT_PROFILE, FAIR_PROFILE } from '../scheduler/profile.js';
import { makeJob, makeNode } from '../scheduler/testing.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { Controller } from './controller.js';
import type { Logger } from './logger.js';

const quiet: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

class ScriptedBackend implements Backend {
  submitGang?: Backend['submitGang'];
  readonly site: SiteInfo = { name: 'site-a', backend: 'emulated', region: 'test', emulated: true };
  readonly submitted: TaskSpec[] = [];
  readonly cancelled: string[] = [];
  private readonly listeners = new Set<(s: TaskStatus) => void>();
  constructor(
    private readonly nodeList: NodeInfo[],
    private readonly refuse: (task: TaskSpec) => boolean = () => false,
  ) {}
  async nodes() {
    return this.nodeList;
  }
  async submit(task: TaskSpec) {
    if (this.refuse(task)) throw new Error('node is draining');
    this.submitted.push(task);
    return { handle: task.taskId };
  }
  async cancel(taskId: string) {
    this.cancelled.push(taskId);
    if (this.submitted.some((t) => t.taskId === taskId)) this.emit(taskId, 'cancelled');
  }
  watch(listener: (s: TaskStatus) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  async *logs() {}
  async reattach() {}
  async close() {}
  emit(taskId: string, state: TaskStatus['state'], exitCode?: number) {
    for (const l of this.listeners) l({ taskId, state, exitCode, at: Date.now() });
  }
}

async function setup(refuse?: (task: TaskSpec) => boolean, profile = compileProfile(DEFAULT_PROFILE)) {
  const store = await openSqliteStore(':memory:');
  const backend = new ScriptedBackend(
    [makeNode('n0', 'nvidia', 'nvidia-h100-sxm', 8), makeNode('n1', 'nvidia', 'nvidia-h100-sxm', 8)],
    refuse,
  );
  const controller = new Controller({
    store,
    backends: new Map([['site-a', backend]]),
    profile,
    log: quiet,
  });
  await controller.start();
  return { store, backend, controller };
}

async function settle(controller: Controller): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setImmediate(r));
    await controller.serial(async () => undefined);
  }
}

describe('controller', () => {
  test('a gang whose first replica is refused starts no other replica', async () => {
    const { store, backend, controller } = await setup((task) => task.replica === 0);
    const spec = makeJob('x', { count: 8 }, { replicas: 2 }).spec;
    const job = await controller.submit(spec, 'source', 'default');
    await settle(controller);
    const stored = await store.getJob(job.id);
    assert.equal(stored!.phase, 'Failed');
    assert.match(stored!.message!, /replica 0 failed \(backend refused: node is draining\)/);
    assert.deepEqual(backend.submitted, [], 'replica 1 was never handed to the backend');
    assert.equal(controller.cluster.freeWhole('nvidia', 'nvidia-h100-sxm'), 16);
    await controller.stop();
    await store.close();
  });

  test('a gang whose second replica is refused stops the first and frees the devices', async () => {
    const { store, backend, controller } = await setup((task) => task.replica === 1);
    const spec = makeJob('x', { count: 8 }, { replicas: 2 }).spec;
    const job = await controller.submit(spec, 'source', 'default');
    await settle(controller);
    const stored = await store.getJob(job.id);
    assert.equal(stored!.phase, 'Failed');
    assert.match(stored!.message!, /replica 1 failed \(backend refused: node is draining\)/);
    assert.deepEqual(
      backend.submitted.map((t) => t.replica),
      [0],
    );
    assert.deepEqual(backend.cancelled, [`${job.id}-r0-a1`]);
    assert.equal(controller.cluster.freeWhole('nvidia', 'nvidia-h100-sxm'), 16);
    await controller.stop();
    await store.close();
  });

  test('retries a failed attempt on fresh devices and records each attempt', async () => {
    const { store, backend, controller } = await setup();
    const base = makeJob('y', { count: 1 }).spec;
    const spec = { ...base, runtime: { ...base.runtime, retries: 1 } };
    const job = await controller.submit(spec, 'source', 'default');
    await settle(controller);
    backend.emit(`${job.id}-r0-a1`, 'failed', 9);
    await settle(controller);
    assert.equal((await store.getJob(job.id))!.attempt, 2);
    backend.emit(`${job.id}-r0-a2`, 'succeeded', 0);
    await settle(controller);
    const done = await store.getJob(job.id);
    assert.equal(done!.phase, 'Succeeded');
    const types = (await store.listEvents({ jobId: job.id })).map((e) => e.type);
    assert.deepEqual(types, [
      'Submitted',
      'Scheduled',
      'Started',
      'TaskEnded',
      'Retrying',
      'Scheduled',
      'Started',
      'TaskEnded',
      'Succeeded',
    ]);
    assert.equal(controller.cluster.freeWhole('nvidia', 'nvidia-h100-sxm'), 16);
    await controller.stop();
    await store.close();
  });

  test('a status for a task of a finished job changes nothing', async () => {
    const { store, backend, controller } = await setup();
    const job = await controller.submit(makeJob('z').spec, 'source', 'default');
    await settle(controller);
    backend.emit(`${job.id}-r0-a1`, 'succeeded', 0);
    await settle(controller);
    backend.emit(`${job.id}-r0-a1`, 'failed', 1);
    await settle(controller);
    assert.equal((await store.getJob(job.id))!.phase, 'Succeeded');
    await controller.stop();
    await store.close();
  });

  test('a backend that takes gangs whole gets every replica in one call, or refuses them all', async () => {
    for (const refuse of [false, true]) {
      const { store, backend, controller } = await setup();
      const calls: string[][] = [];
      backend.submitGang = async (tasks) => {
        calls.push(tasks.map((t) => t.taskId));
        if (refuse) throw new Error('no room for the whole gang');
        for (const t of tasks) backend.submitted.push(t);
        return { handles: tasks.map((t) => `gang-${t.replica}`) };
      };
      const job = await controller.submit(makeJob('g', { count: 4 }, { replicas: 2 }).spec, 'source', 'default');
      await settle(controller);
      assert.deepEqual(calls, [[`${job.id}-r0-a1`, `${job.id}-r1-a1`]]);
      const tasks = await store.tasksOfJob(job.id);
      if (refuse) {
        assert.equal((await store.getJob(job.id))!.phase, 'Failed');
        assert.ok(tasks.every((t) => t.state === 'failed' && /no room for the whole gang/.test(t.message!)));
      } else {
        assert.deepEqual(
          tasks.map((t) => [t.state, t.handle]),
          [
            ['running', 'gang-0'],
            ['running', 'gang-1'],
          ],
        );
      }
      await controller.stop();
      await store.close();
    }
  });

  test('with the fair profile a high-priority job preempts lower preemptible work, which goes back to the queue', async () => {
    const fair = compileProfile(FAIR_PROFILE, {
      queues: [{ name: 'default', tenant: 'default', weight: 1, quota: {} }],
    });
    const { store, backend, controller } = await setup(undefined, fair);
    const low = makeJob('low', { count: 8 }, { replicas: 2, priority: 'low' }).spec;
    const lowSpec = { ...low, runtime: { ...low.runtime, preemptible: true } };
    const victim = await controller.submit(lowSpec, 'source', 'default');
    await settle(controller);
    assert.equal((await store.getJob(victim.id))!.phase, 'Running');
    const urgent = await controller.submit(
      makeJob('urgent', { count: 8 }, { priority: 'critical' }).spec,
      'source',
      'default',
    );
    await settle(controller);
    assert.deepEqual(backend.cancelled.sort(), [`${victim.id}-r0-a1`, `${victim.id}-r1-a1`]);
    const requeued = await store.getJob(victim.id);
    assert.equal(requeued!.phase, 'Pending');
    assert.equal((await store.getJob(urgent.id))!.phase, 'Running');
    const events = await store.listEvents({ jobId: victim.id });
    assert.ok(events.some((e) => e.type === 'Preempting'));
    const requeue = events.find((e) => e.type === 'Requeued');
    assert.match(requeue!.message, new RegExp(`preempted for ${urgent.id}.*back in the queue`));
    await controller.stop();
    await store.close();
  });
});
