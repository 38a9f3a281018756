/**
 * Binding: a scheduling decision becomes tasks. The decision and its tasks are committed first,
 * then each replica is handed to its site's backend (a gang as one unit where the backend can);
 * a replica the backend refuses fails the attempt, and a gang's other replicas are not started.
 */
import type { Backend, TaskStatus } from '../backends/types.js';
import type { ReplicaPlacement } from '../cluster/types.js';
import type { PriceSnapshot } from '../metering/types.js';
import type { CompatOracle } from '../scheduler/framework.js';
import type { JobRecord, NewEvent, TaskRecord } from '../store/types.js';
import type { Logger } from './logger.js';
import { newTask, withRuntime } from './task-factory.js';

/** What binding needs of the control plane. */
export interface BindingHost {
  tasks: Map<string, TaskRecord>;
  backend(site: string): Backend | undefined;
  commit(jobs: JobRecord[], tasks: TaskRecord[], events: NewEvent[]): Promise<void>;
  event(jobId: string | null, type: string, message: string, data?: Record<string, unknown>): NewEvent;
  now(): string;
  clock(): number;
  finishTask(task: TaskRecord, status: TaskStatus): Promise<void>;
  compat(): CompatOracle | undefined;
  priceOf(job: JobRecord, task: TaskRecord): PriceSnapshot | null;
  log(): Logger;
}

/** Records the decision, then hands each replica to its site's backend. */
export async function bindJob(host: BindingHost, job: JobRecord, placements: ReplicaPlacement[]): Promise<void> {
  job.attempt += 1;
  Object.assign(job, { phase: 'Running', reason: 'Starting', message: 'handing replicas to their backends' });
  job.placement = placements.map((p) => withRuntime(job, p, host.compat()));
  placements = job.placement;
  job.startedAt ??= host.now();
  const tasks = placements.map((p) =>
    newTask(job, p, host.backend(p.site)?.site.backend ?? 'local', host.now(), host.compat()),
  );
  for (const task of tasks) task.price = host.priceOf(job, task);
  const where = placements.map(
    (p) => `${p.node}${p.devices.length ? `[${p.devices.map((d) => d.index).join(',')}]` : ''}`,
  );
  await host.commit([job], tasks, [
    host.event(job.id, 'Scheduled', `attempt ${job.attempt}: ${where.join(' ')}`, { placements }),
  ]);
  for (const task of tasks) host.tasks.set(task.id, task);
  const sites = new Set(tasks.map((t) => t.site));
  const gangBackend = tasks.length > 1 && sites.size === 1 ? host.backend(tasks[0]!.site) : undefined;
  if (gangBackend?.submitGang) {
    await submitGang(host, job, tasks, gangBackend);
    tasks.length = 0; // handed over as one unit
  }
  for (const task of tasks) {
    if (job.cancelRequested || tasks.some((t) => t.state === 'failed' || t.state === 'lost')) {
      // A gang starts whole or not at all: once a replica could not start, the rest never do.
      const message = 'not started: another replica of the gang could not start';
      await host.finishTask(task, { taskId: task.id, state: 'cancelled', message, at: host.clock() });
      continue;
    }
    const backend = host.backend(task.site);
    try {
      if (!backend) throw new Error(`no backend for site ${task.site}`);
      const { handle } = await backend.submit(task.spec);
      task.handle = handle;
      if (task.state === 'pending') task.state = 'running';
      task.startedAt ??= host.now();
      await host.commit([], [task], [host.event(job.id, 'Started', `replica ${task.replica} started on ${task.node}`)]);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      host.log().warn({ task: task.id, err: error }, 'backend refused a task');
      await host.finishTask(task, {
        taskId: task.id,
        state: 'failed',
        message: `backend refused: ${message}`,
        at: host.clock(),
      });
    }
  }
  if (job.message === 'handing replicas to their backends' && job.phase === 'Running') {
    Object.assign(job, { reason: 'Running', message: `running on ${where.join(' ')}` });
    await host.commit([job], [], []);
  }
}

/** A gang handed over as one unit: every replica starts, or every replica is failed with the reason. */
async function submitGang(host: BindingHost, job: JobRecord, tasks: TaskRecord[], backend: Backend): Promise<void> {
  try {
    const { handles } = await backend.submitGang!(tasks.map((t) => t.spec));
    const now = host.now();
    tasks.forEach((task, i) => {
      task.handle = handles[i] ?? null;
      if (task.state === 'pending') task.state = 'running';
      task.startedAt ??= now;
    });
    await host.commit([], tasks, [
      host.event(job.id, 'Started', `${tasks.length} replicas started as one unit on site ${tasks[0]!.site}`),
    ]);
  } catch (error) {
    const message = `backend refused the gang: ${error instanceof Error ? error.message : String(error)}`;
    host.log().warn({ job: job.id, err: error }, 'backend refused a gang');
    for (const task of tasks)
      await host.finishTask(task, { taskId: task.id, state: 'failed', message, at: host.clock() });
  }
}
