import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatHandle, isRunnerAlive, parseHandle, readProcessStartTime } from './handle.js';

describe('runner handle', () => {
  test('round-trips through text', () => {
    const handle = { pid: 123, startTime: '456', dir: '/data/tasks/t' };
    assert.deepEqual(parseHandle(formatHandle(handle)), handle);
  });

  test('a malformed handle yields a message', () => {
    assert.match((parseHandle('{') as { error: string }).error, /unreadable/);
    assert.match((parseHandle('{"pid":-1,"dir":"/x","startTime":null}') as { error: string }).error, /pid/);
    assert.match((parseHandle('{"pid":1,"startTime":null}') as { error: string }).error, /directory/);
  });

  test('this process is alive; a different start time means the pid was reused', (t) => {
    const startTime = readProcessStartTime(process.pid);
    if (startTime === null) {
      t.skip('no /proc on this system');
      return;
    }
    assert.equal(isRunnerAlive({ pid: process.pid, startTime, dir: '/' }), true);
    assert.equal(isRunnerAlive({ pid: process.pid, startTime: `${startTime}1`, dir: '/' }), false);
    assert.equal(isRunnerAlive({ pid: 2 ** 22 + 1, startTime, dir: '/' }), false);
  });
});
