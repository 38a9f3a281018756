import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type TaskStatus, TERMINAL_TASK_STATES } from '../types.js';
import { isRunnerAlive, parseHandle, type RunnerHandle } from './handle.js';
import { type LaunchRequest, ProcessSupervisor } from './supervisor.js';

let dataDir: string;
let counter = 0;
before(async () => {
  dataDir = await mkdtemp(join(os.tmpdir(), 'junction-supervisor-'));
});
after(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function launch(script: string, overrides: Partial<LaunchRequest> = {}): LaunchRequest {
  counter += 1;
  return {
    taskId: `t${counter}`,
    command: [process.execPath, '-e', script],
    env: { PATH: process.env.PATH ?? '' },
    gracePeriodSeconds: 1,
    ...overrides,
  };
}

function handleOf(text: string): RunnerHandle {
  const handle = parseHandle(text);
  if ('error' in handle) throw new Error(handle.error);
  return handle;
}

function terminal(supervisor: ProcessSupervisor, taskId: string): Promise<TaskStatus> {
  return new Promise((resolve) => {
    const stop = supervisor.watch((s) => {
      if (s.taskId === taskId && TERMINAL_TASK_STATES.has(s.state)) {
        stop();
        resolve(s);
      }
    });
  });
}

async function readLog(supervisor: ProcessSupervisor, taskId: string): Promise<string> {
  let text = '';
  for await (const chunk of supervisor.logs(taskId)) text += chunk;
  return text;
}

/** Dead or a zombie waiting for its new parent to reap it. */
function isGone(pid: number): boolean {
  return !isRunnerAlive({ pid, startTime: null, dir: '/' });
}

describe('process supervisor', { concurrency: true }, () => {
  test('records the runner and the exit in the task directory', async () => {
    const supervisor = new ProcessSupervisor({ dataDir, pollIntervalMs: 50 });
    const request = launch('process.exit(2)');
    const handle = handleOf((await supervisor.submit(request)).handle);
    assert.equal(handle.dir, join(dataDir, 'tasks', request.taskId));
    await terminal(supervisor, request.taskId);
    const runner = JSON.parse(await readFile(join(handle.dir, 'runner.json'), 'utf8'));
    assert.equal(runner.runnerPid, handle.pid);
    assert.equal(typeof runner.childPid, 'number');
    const status = JSON.parse(await readFile(join(handle.dir, 'status.json'), 'utf8'));
    assert.deepEqual(
      { ...status, finishedAt: typeof status.finishedAt },
      {
        exitCode: 2,
        signal: null,
        reason: 'exited',
        message: 'exited with code 2',
        finishedAt: 'string',
      },
    );
    await supervisor.close();
  });

  test('a SIGTERM sent to the runner alone reaches the task once and is not a cancel', async () => {
    const supervisor = new ProcessSupervisor({ dataDir, pollIntervalMs: 50 });
    const script =
      "process.on('SIGTERM', () => { console.log('got SIGTERM'); process.exit(143) }); console.log('ready'); setInterval(() => {}, 1000)";
    const request = launch(script);
    const handle = handleOf((await supervisor.submit(request)).handle);
    while (!(await readLog(supervisor, request.taskId)).includes('ready')) await new Promise((r) => setTimeout(r, 30));
    const ended = terminal(supervisor, request.taskId);
    process.kill(handle.pid, 'SIGTERM');
    const status = await ended;
    assert.equal(status.state, 'failed');
    assert.equal(status.exitCode, 143);
    assert.equal((await readLog(supervisor, request.taskId)).match(/got SIGTERM/g)?.length, 1);
    await supervisor.close();
  });

  test('processes the task left behind in its group are killed when it ends', async () => {
    const supervisor = new ProcessSupervisor({ dataDir, pollIntervalMs: 50 });
    const script =
      "const c = require('node:child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' }); console.log(c.pid); c.unref(); process.exit(0)";
    const request = launch(script);
    await supervisor.submit(request);
    assert.equal((await terminal(supervisor, request.taskId)).state, 'succeeded');
    const leftover = Number((await readLog(supervisor, request.taskId)).trim());
    assert.ok(leftover > 0);
    for (let i = 0; i < 20 && !isGone(leftover); i++) await new Promise((r) => setTimeout(r, 25));
    assert.ok(isGone(leftover), `pid ${leftover} still runs`);
    await supervisor.close();
  });

  test('the working directory is used, and a missing one is a clear spawn error', async () => {
    const supervisor = new ProcessSupervisor({ dataDir, pollIntervalMs: 50 });
    const good = launch('console.log(process.cwd())', { workingDir: os.tmpdir() });
    const bad = launch('0', { workingDir: join(dataDir, 'no-such-dir') });
    const [goodEnd, badEnd] = [terminal(supervisor, good.taskId), terminal(supervisor, bad.taskId)];
    await supervisor.submit(good);
    await supervisor.submit(bad);
    assert.equal((await goodEnd).state, 'succeeded');
    assert.equal((await readLog(supervisor, good.taskId)).trim(), os.tmpdir());
    const status = await badEnd;
    assert.equal(status.exitCode, 127);
    assert.match(status.message ?? '', /working directory .*no-such-dir does not exist/);
    assert.match(await readLog(supervisor, bad.taskId), /does not exist/);
    await supervisor.close();
  });

  test('a cancel survives a restart of the control plane', async () => {
    const first = new ProcessSupervisor({ dataDir, pollIntervalMs: 50 });
    const script = "process.on('SIGTERM', () => {}); console.log('ready'); setInterval(() => {}, 1000)";
    const request = launch(script);
    const { handle } = await first.submit(request);
    while (!(await readLog(first, request.taskId)).includes('ready')) await new Promise((r) => setTimeout(r, 30));
    await first.cancel(request.taskId);
    await first.close();
    const second = new ProcessSupervisor({ dataDir, pollIntervalMs: 50 });
    const ended = terminal(second, request.taskId);
    await second.reattach(request.taskId, handle);
    const status = await ended;
    assert.equal(status.state, 'cancelled');
    assert.match(status.message ?? '', /grace period/);
    await second.close();
  });

  test('refuses a task id that is not a plain directory name, or one used before', async () => {
    const supervisor = new ProcessSupervisor({ dataDir, pollIntervalMs: 50 });
    await assert.rejects(supervisor.submit(launch('0', { taskId: '../escape' })), /not a safe directory name/);
    const request = launch('0');
    const ended = terminal(supervisor, request.taskId);
    await supervisor.submit(request);
    await ended;
    await assert.rejects(supervisor.submit(request), /already submitted/);
    await supervisor.close();
  });

  test('reattach with a malformed handle or a vanished directory is lost', async () => {
    const supervisor = new ProcessSupervisor({ dataDir, pollIntervalMs: 50 });
    const seen: TaskStatus[] = [];
    supervisor.watch((s) => seen.push(s));
    await supervisor.reattach('a', 'not json');
    await supervisor.reattach('b', JSON.stringify({ pid: 1, startTime: null, dir: join(dataDir, 'gone') }));
    assert.deepEqual(
      seen.map((s) => [s.taskId, s.state]),
      [
        ['a', 'lost'],
        ['b', 'lost'],
      ],
    );
    await supervisor.close();
  });
});
