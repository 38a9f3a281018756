/**
 * Test support for the backend contract (./contract.ts): one backend on a temporary data directory,
 * a record of every status it reports, and clean-up that leaves no task running.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NodeInfo } from '../cluster/types.js';
import { type Backend, type TaskSpec, type TaskStatus, TERMINAL_TASK_STATES } from './types.js';

export type MakeBackend = (dataDir: string) => Promise<Backend>;

export interface ObservedStatus extends TaskStatus {
  /** When the harness saw it (performance.now()). */
  seenAt: number;
}

let taskCounter = 0;

/**
 * A task for tests: the first attempt of a one-replica job named `<prefix>-<pid>-<n>` on `node`
 * of `site`, no devices, 100m CPU and 64 MiB, a 5 s grace period; `overrides` change any of it.
 */
export function testTask(
  prefix: string,
  site: string,
  node: string,
  overrides: Partial<TaskSpec> & { command: string[] },
): TaskSpec {
  taskCounter += 1;
  const jobId = `${prefix}-${process.pid}-${taskCounter}`;
  return {
    taskId: `${jobId}-r0-a1`,
    jobId,
    replica: 0,
    replicas: 1,
    attempt: 1,
    site,
    node,
    env: {},
    vendor: null,
    model: null,
    devices: [],
    cpuMillis: 100,
    memoryMiB: 64,
    gracePeriodSeconds: 5,
    ...overrides,
  };
}

export function nodeCommand(script: string): string[] {
  return [process.execPath, '-e', script];
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class ContractHarness {
  readonly dataDir: string;
  readonly #make: MakeBackend;
  #backend: Backend;
  #unwatch: () => void;
  #open = true;
  readonly #statuses: ObservedStatus[] = [];
  readonly #waiters = new Set<() => void>();
  readonly #tasks = new Map<string, { spec: TaskSpec; handle: string }>();

  private constructor(dataDir: string, make: MakeBackend, backend: Backend) {
    this.dataDir = dataDir;
    this.#make = make;
    this.#backend = backend;
    this.#unwatch = this.#record(backend);
  }

  static async start(make: MakeBackend): Promise<ContractHarness> {
    const dataDir = await mkdtemp(join(tmpdir(), 'junction-backend-contract-'));
    return new ContractHarness(dataDir, make, await make(dataDir));
  }

  get backend(): Backend {
    return this.#backend;
  }

  /** A task for the first node (or the first node with devices), with the given overrides. */
  async task(overrides: Partial<TaskSpec> & { command: string[] }, node?: NodeInfo): Promise<TaskSpec> {
    const target = node ?? (await this.#backend.nodes())[0];
    if (target === undefined) throw new Error('backend reports no nodes');
    return testTask('contract', this.#backend.site.name, target.name, overrides);
  }

  async submit(spec: TaskSpec): Promise<string> {
    const { handle } = await this.#backend.submit(spec);
    this.#tasks.set(spec.taskId, { spec, handle });
    return handle;
  }

  /** Statuses the current backend instance reported for the task, in order. */
  statuses(taskId: string): ObservedStatus[] {
    return this.#statuses.filter((s) => s.taskId === taskId);
  }

  states(taskId: string): string[] {
    return this.statuses(taskId).map((s) => s.state);
  }

  waitFor(taskId: string, state: 'running' | 'terminal', timeoutMs = 10_000): Promise<ObservedStatus> {
    const find = () =>
      this.statuses(taskId).find((s) => (state === 'terminal' ? TERMINAL_TASK_STATES.has(s.state) : s.state === state));
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = find();
        if (found === undefined) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`task ${taskId}: no ${state} status within ${timeoutMs} ms (saw ${this.states(taskId)})`));
      }, timeoutMs);
      this.#waiters.add(check);
      check();
    });
  }

  /** The whole log, read without follow. */
  async readLog(taskId: string): Promise<string> {
    let text = '';
    for await (const chunk of this.#backend.logs(taskId)) text += chunk;
    return text;
  }

  /** Waits until the log contains `text` (polling without follow). */
  async waitForLog(taskId: string, text: string, timeoutMs = 10_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (!(await this.readLog(taskId)).includes(text)) {
      if (performance.now() > deadline) throw new Error(`task ${taskId}: log never showed ${JSON.stringify(text)}`);
      await delay(50);
    }
  }

  /** Closes this backend instance and opens a new one on the same data directory, as a restarted server would. */
  async restart(): Promise<void> {
    await this.closeBackend();
    this.#statuses.length = 0;
    this.#backend = await this.#make(this.dataDir);
    this.#unwatch = this.#record(this.#backend);
    this.#open = true;
  }

  async closeBackend(): Promise<void> {
    if (!this.#open) return;
    this.#open = false;
    this.#unwatch();
    await this.#backend.close();
  }

  /** Cancels whatever is still running (through a fresh instance, reattached), then removes the data directory. */
  async dispose(): Promise<void> {
    await this.closeBackend();
    const cleaner = await this.#make(this.dataDir);
    const ended = new Set<string>();
    const unwatch = cleaner.watch((s) => {
      if (TERMINAL_TASK_STATES.has(s.state)) ended.add(s.taskId);
    });
    try {
      for (const { spec, handle } of this.#tasks.values()) await cleaner.reattach(spec, handle);
      const running = [...this.#tasks.values()].filter(({ spec }) => !ended.has(spec.taskId));
      for (const { spec } of running) await cleaner.cancel(spec.taskId);
      const deadline = performance.now() + Math.max(0, ...running.map(({ spec }) => spec.gracePeriodSeconds)) * 1000;
      while (running.some(({ spec }) => !ended.has(spec.taskId)) && performance.now() < deadline + 3000) {
        await delay(50);
      }
    } finally {
      unwatch();
      await cleaner.close();
      await rm(this.dataDir, { recursive: true, force: true });
    }
  }

  #record(backend: Backend): () => void {
    return backend.watch((status) => {
      this.#statuses.push({ ...status, seenAt: performance.now() });
      for (const waiter of [...this.#waiters]) waiter();
    });
  }
}
