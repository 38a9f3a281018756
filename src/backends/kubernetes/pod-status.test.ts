import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { V1ContainerState, V1Job, V1Pod } from '@kubernetes/client-node';
import { type Observation, observeJobWithoutPod, observePod } from './pod-status.js';

function pod(phase: string, state?: V1ContainerState, extra: { reason?: string; deadline?: number } = {}): V1Pod {
  return {
    spec: {
      activeDeadlineSeconds: extra.deadline,
      containers: [{ name: 'task', command: ['python', 'train.py'] }],
    },
    status: {
      phase,
      reason: extra.reason,
      containerStatuses: state ? [{ name: 'task', image: 'i', imageID: '', ready: false, restartCount: 0, state }] : [],
    },
  };
}

const cases: { name: string; pod: V1Pod; expected: Observation }[] = [
  {
    name: 'pending while the image is pulled',
    pod: pod('Pending', { waiting: { reason: 'ContainerCreating' } }),
    expected: { phase: 'pending' },
  },
  { name: 'running', pod: pod('Running', { running: {} }), expected: { phase: 'running' } },
  { name: 'unknown keeps running', pod: pod('Unknown'), expected: { phase: 'running' } },
  {
    name: 'succeeded',
    pod: pod('Succeeded', { terminated: { exitCode: 0 } }),
    expected: { phase: 'ended', state: 'succeeded', exitCode: 0, ran: true },
  },
  {
    name: 'a non-zero exit',
    pod: pod('Failed', { terminated: { exitCode: 3, reason: 'Error' } }),
    expected: { phase: 'ended', state: 'failed', exitCode: 3, message: 'exit code 3', ran: true },
  },
  {
    name: 'out of memory',
    pod: pod('Failed', { terminated: { exitCode: 137, reason: 'OOMKilled' } }),
    expected: { phase: 'ended', state: 'failed', exitCode: 137, message: 'OOMKilled, exit code 137', ran: true },
  },
  {
    name: 'a command that is not in the image is 127',
    pod: pod('Failed', {
      terminated: {
        exitCode: 128,
        reason: 'StartError',
        message: 'exec: "python": executable file not found in $PATH',
      },
    }),
    expected: {
      phase: 'ended',
      state: 'failed',
      exitCode: 127,
      message: 'could not start python: exec: "python": executable file not found in $PATH',
      ran: false,
    },
  },
  {
    name: 'the deadline names maxDuration',
    pod: pod('Failed', { terminated: { exitCode: 143 } }, { reason: 'DeadlineExceeded', deadline: 3600 }),
    expected: { phase: 'ended', state: 'failed', exitCode: 143, message: 'exceeded maxDuration 3600s', ran: true },
  },
  {
    name: 'an image name that can never be pulled',
    pod: pod('Pending', { waiting: { reason: 'InvalidImageName', message: 'bad ref' } }),
    expected: { phase: 'ended', state: 'failed', message: 'InvalidImageName: bad ref', ran: false },
  },
  {
    name: 'evicted before it had a container status',
    pod: { status: { phase: 'Failed', reason: 'Evicted', message: 'node low on memory' } },
    expected: { phase: 'ended', state: 'failed', message: 'Evicted: node low on memory', ran: false },
  },
];

describe('observePod', () => {
  for (const c of cases) test(c.name, () => assert.deepEqual(observePod(c.pod), c.expected));
});

describe('observeJobWithoutPod', () => {
  test('pending until the Job has failed', () => {
    assert.deepEqual(observeJobWithoutPod({ status: {} }), { phase: 'pending' });
    const failed: V1Job = {
      status: { conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'limit' }] },
    };
    assert.deepEqual(observeJobWithoutPod(failed), {
      phase: 'ended',
      state: 'failed',
      message: 'job failed: BackoffLimitExceeded: limit',
      ran: false,
    });
  });
});
