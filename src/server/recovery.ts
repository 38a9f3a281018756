/**
 * Start-up recovery: rebuild the in-memory state from the store after a restart (or a crash).
 * Every accepted job comes back; running replicas are re-attached through their backend, and a
 * replica that cannot be found is marked lost, which fails or retries its job as its spec says.
 */
import type { TaskRecord } from '../store/types.js';
import type { Controller } from './controller.js';
import type { Logger } from './logger.js';

export async function recoverState(controller: Controller, log: Logger): Promise<void> {
  const jobs = await controller.store.jobsInPhases(['Pending', 'Running']);
  const lost: { task: TaskRecord; message: string }[] = [];
  let reattached = 0;
  for (const job of jobs) {
    controller.active.set(job.id, job);
    if (job.phase !== 'Running') continue;
    if (job.placement) {
      try {
        controller.cluster.allocate(job.id, job.placement);
      } catch (error) {
        log.warn({ job: job.id, err: error }, 'placement no longer fits the reported nodes');
      }
    }
    const tasks = (await controller.store.tasksOfJob(job.id)).filter((t) => t.attempt === job.attempt);
    for (const task of tasks) {
      if (task.state !== 'running' && task.state !== 'pending') continue;
      controller.tasks.set(task.id, task);
      const backend = controller.backend(task.site);
      if (!backend) {
        lost.push({ task, message: `site ${task.site} is no longer configured` });
      } else if (!task.handle) {
        // Decided but never confirmed as handed over: make sure it is not running, then treat it as lost.
        await backend.cancel(task.id);
        lost.push({ task, message: 'the control plane stopped before this replica was handed to its backend' });
      } else {
        await backend.reattach(task.spec, task.handle);
        reattached++;
      }
    }
    await controller.commit(
      [],
      [],
      [controller.event(job.id, 'Recovered', `control plane restarted; re-attached ${tasks.length} replica(s)`)],
    );
    if (job.cancelRequested) await controller.stopTasks(job);
  }
  for (const { task, message } of lost) {
    await controller.finishTask(task, { taskId: task.id, state: 'lost', message, at: Date.now() });
  }
  if (jobs.length > 0) log.info({ jobs: jobs.length, reattached, lost: lost.length }, 'recovered jobs from the store');
}
