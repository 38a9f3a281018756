/**
 * The control plane: one loop that watches the store and the backends, runs scheduling cycles,
 * binds decisions to backends, and drives every job through
 * Pending → Running → Succeeded | Failed | Cancelled (with retries).
 *
 * Every state change is committed to the store (with its event) before it is acted on, and all
 * mutations run one at a time through `serial`, so backend callbacks never interleave with a cycle.
 */
import { EventEmitter } from 'node:events';
import type { Backend, TaskStatus } from '../backends/types.js';
import { ClusterState } from '../cluster/state.js';
import type { ReplicaPlacement } from '../cluster/types.js';
import type { PriceSnapshot, UsageRecord } from '../metering/types.js';
import { type Binding, runCycle } from '../scheduler/cycle.js';
import type { CompatOracle, Profile } from '../scheduler/framework.js';
import type { CompiledJobSpec } from '../spec/types.js';
import type { JobRecord, NewEvent, Store, TaskRecord } from '../store/types.js';
import { type BindingHost, bindJob } from './binding.js';
import { pendingJobs, runningJobs } from './cycle-input.js';
import { newJobId } from './ids.js';
import { jobOutcome } from './job-outcome.js';
import type { Logger } from './logger.js';
import { newJobRecord } from './new-job.js';
import { RecentReasons } from './recent-reasons.js';
import { recoverState } from './recovery.js';

export interface ControllerOptions {
  store: Store;
  /** The adaptation center: the runtime (image, env, stack) a placement gets on its device model. */
  compat?: CompatOracle;
  backends: ReadonlyMap<string, Backend>;
  profile: Profile;
  log: Logger;
  clock?: () => number;
  /** Called after each cycle with its duration (seconds) and the submit→bind latencies (seconds). */
  onCycle?: (seconds: number, bindLatencies: number[]) => void;
  /** The site's price a task is placed under (kept on the task, so later price changes never reprice it). */
  priceOf?: (job: JobRecord, task: TaskRecord) => PriceSnapshot | null;
  /** The usage an ended task is billed for; committed with the task's end, in one transaction. */
  meter?: (job: JobRecord | undefined, task: TaskRecord) => UsageRecord[];
}

export interface WaitInfo {
  summary: string;
  details: string[];
}

export class Controller {
  readonly cluster = new ClusterState();
  /** Non-terminal jobs by id; the store holds the rest. */
  readonly active = new Map<string, JobRecord>();
  /** Tasks of active jobs by id. */
  readonly tasks = new Map<string, TaskRecord>();
  readonly waits = new Map<string, WaitInfo>();
  readonly placements = new RecentReasons<Pick<Binding, 'details'>>();
  /** Emits `job` with the JobRecord after every committed change. */
  readonly changes = new EventEmitter();
  private chain: Promise<unknown> = Promise.resolve();
  private cycleRequested = false;
  private stopped = false;
  private readonly unwatch: (() => void)[] = [];
  private readonly retries: NodeJS.Timeout[] = [];
  /** Sites that lost or refused a job: its retries go elsewhere (failover). */
  private readonly failedSites = new Map<string, Set<string>>();
  /** Jobs being evicted for a preemptor: they go back to Pending once every replica stopped. */
  private readonly preempting = new Map<string, string>();
  private readonly clock: () => number;
  private profile: Profile;
  /** Sites' backends; providers may add sites while the server runs. */
  private readonly backends: Map<string, Backend>;

  constructor(private readonly options: ControllerOptions) {
    this.profile = options.profile;
    this.backends = new Map(options.backends);
    this.clock = options.clock ?? Date.now;
    this.changes.setMaxListeners(0);
  }

  get store(): Store {
    return this.options.store;
  }

  backend(site: string): Backend | undefined {
    return this.backends.get(site);
  }

  /** Loads nodes, re-attaches what was running before a restart, and starts scheduling. */
  async start(): Promise<void> {
    for (const [site, backend] of this.backends) await this.attach(site, backend);
    await this.serial(() => recoverState(this, this.options.log));
    this.requestCycle();
  }

  private async attach(site: string, backend: Backend): Promise<void> {
    this.unwatch.push(backend.watch((status) => void this.serial(() => this.onTaskStatus(site, status))));
    await this.loadNodes(site, backend);
  }

  /** A site registered while running: its nodes join the cluster and the next cycle may use them. */
  addSite(site: string, backend: Backend): Promise<void> {
    return this.serial(async () => {
      if (this.backends.has(site)) throw new Error(`site ${site} exists already`);
      this.backends.set(site, backend);
      await this.attach(site, backend);
    });
  }

  /**
   * Adds a site's nodes to the cluster. A backend that cannot answer (a Slurm controller that is
   * down) leaves its site empty and is asked again every 15 s; its running tasks are still watched.
   */
  private async loadNodes(site: string, backend: Backend): Promise<void> {
    try {
      for (const node of await backend.nodes()) this.cluster.addNode(node);
      this.requestCycle();
    } catch (error) {
      this.options.log.warn({ site, err: error }, 'site did not report its nodes; retrying in 15 s');
      const retry = setTimeout(() => void this.serial(() => this.loadNodes(site, backend)), 15_000);
      retry.unref();
      this.retries.push(retry);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const retry of this.retries) clearTimeout(retry);
    for (const off of this.unwatch) off();
    await this.chain.catch(() => undefined);
  }

  /** Runs `fn` after every mutation queued before it; errors are logged, never swallowed silently. */
  serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn);
    this.chain = next.catch((error: unknown) => this.options.log.error({ err: error }, 'control loop step failed'));
    return next;
  }

  now(): string {
    return new Date(this.clock()).toISOString();
  }

  event(jobId: string | null, type: string, message: string, data?: Record<string, unknown>): NewEvent {
    return data ? { at: this.now(), jobId, type, message, data } : { at: this.now(), jobId, type, message };
  }

  /** Swaps the scheduling profile (e.g. after a quota change); the next cycle uses it. */
  setProfile(profile: Profile): void {
    this.profile = profile;
    this.requestCycle();
  }

  /** Commits job/task changes with their events (and metered usage), then tells watchers. */
  async commit(jobs: JobRecord[], tasks: TaskRecord[], events: NewEvent[], usage: UsageRecord[] = []): Promise<void> {
    for (const job of jobs) job.updatedAt = this.now();
    await this.options.store.commit({ jobs, tasks, events, usage });
    for (const job of jobs) this.changes.emit('job', job);
  }

  submit(
    spec: CompiledJobSpec,
    source: string,
    tenant: string,
    who: { user?: string; queue?: string } = {},
  ): Promise<JobRecord> {
    return this.serial(async () => {
      const now = this.now();
      const queue = who.queue ?? spec.queue;
      if (queue !== spec.queue) spec = { ...spec, queue };
      const job = newJobRecord(newJobId(this.clock()), spec, source, tenant, who.user ?? '', now);
      await this.commit([job], [], [this.event(job.id, 'Submitted', `job ${spec.name} accepted into queue ${queue}`)]);
      this.active.set(job.id, job);
      this.requestCycle();
      return job;
    });
  }

  /** Cancels a job; idempotent. Returns undefined for an unknown id. */
  cancel(id: string): Promise<JobRecord | undefined> {
    return this.serial(async () => {
      const job = this.active.get(id);
      if (!job) return this.options.store.getJob(id);
      if (job.phase === 'Pending') {
        Object.assign(job, { phase: 'Cancelled', reason: 'Cancelled', message: 'cancelled before it started' });
        job.finishedAt = this.now();
        await this.commit([job], [], [this.event(id, 'Cancelled', 'cancelled while pending')]);
        this.forget(job);
        return job;
      }
      if (!job.cancelRequested) {
        job.cancelRequested = true;
        job.message = 'cancelling: stopping every replica';
        await this.commit([job], [], [this.event(id, 'CancelRequested', 'cancel requested; stopping every replica')]);
      }
      await this.stopTasks(job);
      return job;
    });
  }

  /** Asks the scheduler to run soon; many requests in one tick give one cycle. */
  requestCycle(): void {
    if (this.cycleRequested || this.stopped) return;
    this.cycleRequested = true;
    setImmediate(() => {
      this.cycleRequested = false;
      void this.serial(() => this.cycle());
    });
  }

  tasksOf(job: JobRecord): TaskRecord[] {
    return [...this.tasks.values()].filter((t) => t.jobId === job.id);
  }

  private async cycle(): Promise<void> {
    if (this.stopped) return;
    const pending = pendingJobs(this.active.values(), this.failedSites);
    if (pending.length === 0) return;
    const started = performance.now();
    const running = runningJobs(this.active.values(), this.preempting);
    const result = runCycle(this.profile, this.cluster, pending, this.clock(), { running });
    for (const p of result.preempted ?? []) await this.preempt(p.jobId, p.victims, p.reason);
    const latencies: number[] = [];
    for (const wait of result.waiting) {
      const job = this.active.get(wait.jobId)!;
      this.waits.set(job.id, { summary: wait.summary, details: wait.details });
      if (job.message === wait.summary && job.reason === 'Unschedulable') continue;
      Object.assign(job, { reason: 'Unschedulable', message: wait.summary });
      await this.commit([job], [], [this.event(job.id, 'Waiting', wait.summary)]);
    }
    for (const binding of result.bound) {
      const job = this.active.get(binding.jobId)!;
      latencies.push((this.clock() - Date.parse(job.createdAt)) / 1000);
      this.waits.delete(job.id);
      // The binding itself: its reasons are written out only if someone asks (explain).
      this.placements.set(job.id, binding);
      await this.bind(job, binding.placements);
    }
    this.options.onCycle?.((performance.now() - started) / 1000, latencies);
  }

  /** Records the decision, then hands each replica to its site's backend (binding.ts). */
  private bind(job: JobRecord, placements: ReplicaPlacement[]): Promise<void> {
    return bindJob(this.bindingHost, job, placements);
  }

  private readonly bindingHost: BindingHost = {
    tasks: this.tasks,
    backend: (site) => this.backends.get(site),
    commit: (jobs, tasks, events) => this.commit(jobs, tasks, events),
    event: (jobId, type, message, data) => this.event(jobId, type, message, data),
    now: () => this.now(),
    clock: () => this.clock(),
    finishTask: (task, status) => this.finishTask(task, status),
    compat: () => this.options.compat,
    priceOf: (job, task) => this.options.priceOf?.(job, task) ?? null,
    log: () => this.options.log,
  };

  private async onTaskStatus(_site: string, status: TaskStatus): Promise<void> {
    const task = this.tasks.get(status.taskId);
    if (!task) return; // a task of a finished job, or of a previous life: nothing to do
    if (status.state === 'running') {
      if (task.state === 'pending') {
        task.state = 'running';
        task.startedAt = new Date(status.at).toISOString();
        await this.commit([], [task], []);
      }
      return;
    }
    await this.finishTask(task, status);
  }

  /** Records a task's end (exactly once) and moves its job on. */
  async finishTask(task: TaskRecord, status: TaskStatus): Promise<void> {
    if (task.state !== 'pending' && task.state !== 'running') return;
    task.state = status.state;
    task.exitCode = status.exitCode ?? null;
    task.message = status.message ?? null;
    task.finishedAt = new Date(status.at).toISOString();
    const job = this.active.get(task.jobId);
    const what =
      status.state === 'succeeded'
        ? 'succeeded'
        : `${status.state}${task.exitCode !== null ? ` (exit ${task.exitCode})` : ''}`;
    const text = `replica ${task.replica} ${what}${task.message ? `: ${task.message}` : ''}`;
    const usage = this.options.meter?.(job, task) ?? [];
    await this.commit(
      [],
      [task],
      [this.event(task.jobId, 'TaskEnded', text, { task: task.id, state: task.state })],
      usage,
    );
    if (job) await this.advance(job);
  }

  private async advance(job: JobRecord): Promise<void> {
    const preempted = this.preempting.get(job.id);
    if (preempted !== undefined && !job.cancelRequested) {
      if (this.tasksOf(job).some((t) => t.attempt === job.attempt && (t.state === 'running' || t.state === 'pending')))
        return;
      this.preempting.delete(job.id);
      this.release(job);
      Object.assign(job, { phase: 'Pending', reason: 'Preempted', message: preempted, placement: null });
      await this.commit([job], [], [this.event(job.id, 'Requeued', `${preempted}; back in the queue`)]);
      this.requestCycle();
      return;
    }
    const outcome = jobOutcome(job, this.tasksOf(job));
    switch (outcome.kind) {
      case 'running':
        return;
      case 'stop-gang':
        if (job.reason !== 'StoppingGang') {
          Object.assign(job, { reason: 'StoppingGang', message: outcome.message });
          await this.commit([job], [], [this.event(job.id, 'StoppingGang', outcome.message)]);
        }
        await this.stopTasks(job);
        return;
      case 'retry':
        await this.noteSiteFailures(job);
        this.release(job);
        Object.assign(job, { phase: 'Pending', reason: 'Retrying', message: outcome.message, placement: null });
        await this.commit([job], [], [this.event(job.id, 'Retrying', outcome.message)]);
        this.requestCycle();
        return;
      case 'succeeded':
        Object.assign(job, { phase: 'Succeeded', reason: 'Completed', message: 'every replica exited 0', exitCode: 0 });
        break;
      case 'cancelled':
        Object.assign(job, { phase: 'Cancelled', reason: 'Cancelled', message: 'cancelled by request' });
        break;
      case 'failed':
        Object.assign(job, {
          phase: 'Failed',
          reason: outcome.reason,
          message: outcome.message,
          exitCode: outcome.exitCode,
        });
        break;
    }
    job.finishedAt = this.now();
    this.release(job);
    await this.commit([job], [], [this.event(job.id, job.phase, job.message ?? job.phase)]);
    this.forget(job);
    this.requestCycle();
  }

  /**
   * Failover: a site whose replica was lost, or that refused it, is avoided by the job's next
   * attempts (an ordinary non-zero exit is the job's own failure and moves nothing).
   */
  private async noteSiteFailures(job: JobRecord): Promise<void> {
    const bad = this.tasksOf(job).filter(
      (t) =>
        t.attempt === job.attempt &&
        (t.state === 'lost' || (t.state === 'failed' && t.message?.startsWith('backend refused'))),
    );
    if (bad.length === 0) return;
    const sites = this.failedSites.get(job.id) ?? new Set<string>();
    for (const t of bad) sites.add(t.site);
    this.failedSites.set(job.id, sites);
    const list = [...sites].join(', ');
    await this.commit(
      [],
      [],
      [
        this.event(job.id, 'Failover', `site ${list} lost or refused the job; the next attempt goes elsewhere`, {
          avoid: [...sites],
        }),
      ],
    );
  }

  /** Evicts victims (whole jobs) so a preemptor can run; each goes back to Pending when it has stopped. */
  private async preempt(preemptor: string, victims: readonly string[], reason: string): Promise<void> {
    for (const id of victims) {
      const victim = this.active.get(id);
      if (!victim || this.preempting.has(id) || victim.phase !== 'Running') continue;
      const message = `preempted for ${preemptor}: ${reason}`;
      this.preempting.set(id, message);
      Object.assign(victim, { reason: 'Preempting', message });
      await this.commit([victim], [], [this.event(id, 'Preempting', message, { preemptor })]);
      await this.stopTasks(victim);
    }
    await this.commit(
      [],
      [],
      [this.event(preemptor, 'Preempted', `evicting ${victims.join(', ')}: ${reason}`, { victims })],
    );
  }

  async stopTasks(job: JobRecord): Promise<void> {
    for (const task of this.tasksOf(job)) {
      if (task.state !== 'running' && task.state !== 'pending') continue;
      await this.backends.get(task.site)?.cancel(task.id);
    }
  }

  /** Gives the job's devices back and drops its finished tasks from memory (the store keeps them). */
  private release(job: JobRecord): void {
    this.cluster.release(job.id);
    for (const task of this.tasksOf(job))
      if (task.state !== 'running' && task.state !== 'pending') this.tasks.delete(task.id);
  }

  private forget(job: JobRecord): void {
    this.active.delete(job.id);
    this.failedSites.delete(job.id);
    this.waits.delete(job.id);
    for (const task of this.tasksOf(job)) this.tasks.delete(task.id);
  }
}
