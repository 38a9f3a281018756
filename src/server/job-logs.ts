/**
 * A job's log stream for one replica. Without `follow`: the latest attempt's output. With
 * `follow`: every attempt from the first, each retry headed by `--- attempt N ---`, waiting for
 * the job to start and ending only when it is terminal (or the client goes away).
 */
import { TERMINAL_JOB_PHASES } from '../store/types.js';
import type { Controller } from './controller.js';

export async function* jobLogs(
  controller: Controller,
  jobId: string,
  replica: number,
  follow: boolean,
  signal: AbortSignal,
): AsyncGenerator<string> {
  let attemptShown = 0;
  while (!signal.aborted) {
    const job = controller.active.get(jobId) ?? (await controller.store.getJob(jobId));
    if (!job) return;
    const started = (await controller.store.tasksOfJob(jobId))
      .filter((t) => t.replica === replica && t.state !== 'pending' && t.attempt > attemptShown)
      .sort((a, b) => b.attempt - a.attempt);
    const task = follow ? started[started.length - 1] : started[0];
    if (task) {
      attemptShown = task.attempt;
      const backend = controller.backend(task.site);
      if (backend) {
        if (follow && task.attempt > 1) yield `--- attempt ${task.attempt} ---\n`;
        yield* backend.logs(task.id, { follow, signal });
      }
      if (!follow) return;
      continue;
    }
    if (!follow || TERMINAL_JOB_PHASES.has(job.phase)) return;
    await nextChange(controller, jobId, signal);
  }
}

/** Resolves on the job's next committed change, on abort, or after a second (a safety net). */
function nextChange(controller: Controller, jobId: string, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      controller.changes.off('job', onJob);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const onJob = (job: { id: string }) => {
      if (job.id === jobId) done();
    };
    const timer = setTimeout(done, 1000);
    controller.changes.on('job', onJob);
    signal.addEventListener('abort', done, { once: true });
  });
}
