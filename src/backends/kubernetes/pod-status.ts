/**
 * What a pod's (or its Job's) API status says about a task. Pure: objects in, an observation out.
 */
import type { V1ContainerStateTerminated, V1Job, V1Pod } from '@kubernetes/client-node';
import { CONTAINER_NAME } from './names.js';

export type Observation =
  | { phase: 'pending' }
  | { phase: 'running' }
  /** `ran`: the command started (so a `running` report precedes the end, even when nobody saw it run). */
  | { phase: 'ended'; state: 'succeeded' | 'failed'; exitCode?: number; message?: string; ran: boolean };

/** Waiting reasons that never resolve by waiting; the task has failed before it started. */
const FATAL_WAITING = new Set([
  'InvalidImageName',
  'ErrImageNeverPull',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
]);

/** Reasons a runtime gives a container whose command could not be executed at all. */
const START_FAILURES = new Set(['StartError', 'ContainerCannotRun']);

export function observePod(pod: V1Pod): Observation {
  const status = pod.status;
  const container = status?.containerStatuses?.find((c) => c.name === CONTAINER_NAME);
  const terminated = container?.state?.terminated;
  switch (status?.phase) {
    case 'Running':
      return { phase: 'running' };
    case 'Succeeded':
      return { phase: 'ended', state: 'succeeded', exitCode: terminated?.exitCode ?? 0, ran: true };
    case 'Failed':
      return failed(pod, terminated);
    default: {
      const waiting = container?.state?.waiting;
      if (waiting?.reason !== undefined && FATAL_WAITING.has(waiting.reason)) {
        return {
          phase: 'ended',
          state: 'failed',
          message: `${waiting.reason}: ${waiting.message ?? 'the container cannot be created'}`,
          ran: false,
        };
      }
      // Pending, or Unknown (the node stopped reporting): keep the last state until the cluster decides.
      return status?.phase === 'Unknown' ? { phase: 'running' } : { phase: 'pending' };
    }
  }
}

function failed(pod: V1Pod, terminated: V1ContainerStateTerminated | undefined): Observation {
  const status = pod.status;
  if (status?.reason === 'DeadlineExceeded') {
    const limit = pod.spec?.activeDeadlineSeconds;
    return {
      phase: 'ended',
      state: 'failed',
      exitCode: terminated?.exitCode,
      message: `exceeded maxDuration ${limit}s`,
      ran: true,
    };
  }
  if (terminated === undefined) {
    const why = [status?.reason, status?.message].filter(Boolean).join(': ');
    return { phase: 'ended', state: 'failed', message: why || 'the pod failed without a container status', ran: false };
  }
  if (terminated.reason !== undefined && START_FAILURES.has(terminated.reason)) {
    const command = pod.spec?.containers.find((c) => c.name === CONTAINER_NAME)?.command?.[0] ?? 'the command';
    const detail = terminated.message ?? terminated.reason;
    // A command that cannot be found is 127, as a shell reports it, whatever code the container runtime used.
    const notFound = /not found|no such file/i.test(detail);
    return {
      phase: 'ended',
      state: 'failed',
      exitCode: notFound ? 127 : terminated.exitCode,
      message: `could not start ${command}: ${detail}`,
      ran: false,
    };
  }
  const reason = terminated.reason && terminated.reason !== 'Error' ? `${terminated.reason}, ` : '';
  return {
    phase: 'ended',
    state: 'failed',
    exitCode: terminated.exitCode,
    message: `${reason}exit code ${terminated.exitCode}${terminated.message ? `: ${terminated.message}` : ''}`,
    ran: true,
  };
}

/** A Job whose pod is not (or no longer) there: pending until the Job controller gives up on it. */
export function observeJobWithoutPod(job: V1Job): Observation {
  const failure = job.status?.conditions?.find((c) => c.type === 'Failed' && c.status === 'True');
  if (failure === undefined) return { phase: 'pending' };
  const why = [failure.reason, failure.message].filter(Boolean).join(': ');
  return { phase: 'ended', state: 'failed', message: `job failed: ${why || 'no reason given'}`, ran: false };
}
