/**
 * The backend contract: the behaviour every Backend must show, as one test suite that each backend's
 * test file runs (local, emulated, later Slurm). A backend skips a case only with a written reason.
 *
 * Tasks are small `node -e` scripts (process.execPath), so the suite needs nothing but Node on the
 * machine that runs the tasks. The cases run concurrently, each on its own data directory.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getVendor } from '../vendors/registry.js';
import { ContractHarness, delay, type MakeBackend, nodeCommand } from './contract-harness.js';

export interface BackendContractHooks {
  /**
   * Makes the backend lose a running task the way a crash would: whatever supervises it is gone and no
   * exit status is left behind. Without it the `lost` case is skipped.
   */
  loseTask?: (handle: string) => Promise<void>;
}

const LONG_SLEEP = 'setTimeout(() => {}, 60_000)';

export function backendContract(name: string, make: MakeBackend, hooks: BackendContractHooks = {}): void {
  async function withHarness(run: (h: ContractHarness) => Promise<void>): Promise<void> {
    const harness = await ContractHarness.start(make);
    try {
      await run(harness);
    } finally {
      await harness.dispose();
    }
  }

  describe(`backend contract: ${name}`, { concurrency: true }, () => {
    test('a task that exits 0 is running, then succeeded, and its output is in the logs', () =>
      withHarness(async (h) => {
        const spec = await h.task({ command: nodeCommand("console.log('hi')") });
        const handle = await h.submit(spec);
        assert.equal(typeof handle, 'string');
        const end = await h.waitFor(spec.taskId, 'terminal');
        assert.deepEqual(h.states(spec.taskId), ['running', 'succeeded']);
        assert.equal(end.exitCode, 0);
        assert.match(await h.readLog(spec.taskId), /^hi$/m);
      }));

    test('a non-zero exit is failed with the exit code', () =>
      withHarness(async (h) => {
        const spec = await h.task({ command: nodeCommand("console.error('bad'); process.exit(3)") });
        await h.submit(spec);
        const end = await h.waitFor(spec.taskId, 'terminal');
        assert.deepEqual(h.states(spec.taskId), ['running', 'failed']);
        assert.equal(end.exitCode, 3);
        assert.match(await h.readLog(spec.taskId), /bad/);
      }));

    test('a missing binary is failed with exit code 127 and a message', () =>
      withHarness(async (h) => {
        const spec = await h.task({ command: ['junction-contract-no-such-binary', '--flag'] });
        await h.submit(spec);
        const end = await h.waitFor(spec.taskId, 'terminal');
        assert.equal(end.state, 'failed');
        assert.equal(end.exitCode, 127);
        assert.match(end.message ?? '', /junction-contract-no-such-binary/);
      }));

    test('cancel stops a task that honours SIGTERM well within the grace period', () =>
      withHarness(async (h) => {
        const spec = await h.task({ command: nodeCommand(LONG_SLEEP), gracePeriodSeconds: 5 });
        await h.submit(spec);
        await h.waitFor(spec.taskId, 'running');
        const started = performance.now();
        await h.backend.cancel(spec.taskId);
        const end = await h.waitFor(spec.taskId, 'terminal');
        assert.equal(end.state, 'cancelled');
        assert.ok(end.seenAt - started < 4000, `took ${Math.round(end.seenAt - started)} ms`);
        assert.deepEqual(h.states(spec.taskId), ['running', 'cancelled']);
      }));

    test('cancel kills a task that ignores SIGTERM after the grace period', () =>
      withHarness(async (h) => {
        const script =
          "process.on('SIGTERM', () => console.log('got SIGTERM')); console.log('ready'); setInterval(() => {}, 1000)";
        const spec = await h.task({ command: nodeCommand(script), gracePeriodSeconds: 1 });
        await h.submit(spec);
        await h.waitForLog(spec.taskId, 'ready');
        const started = performance.now();
        await h.backend.cancel(spec.taskId);
        const end = await h.waitFor(spec.taskId, 'terminal');
        const elapsed = end.seenAt - started;
        assert.equal(end.state, 'cancelled');
        assert.ok(elapsed >= 900 && elapsed < 5000, `took ${Math.round(elapsed)} ms`);
        const log = await h.readLog(spec.taskId);
        assert.equal(log.match(/got SIGTERM/g)?.length, 1, `SIGTERM should arrive exactly once:\n${log}`);
      }));

    // The gap between the first line and the rest is wide enough for a polling backend on a busy
    // machine (the Kubernetes stand-in polls logs) to see the first line alone.
    test('logs with follow yields lines as they are printed and ends when the task ends', () =>
      withHarness(async (h) => {
        const script =
          "console.log('line 0'); setTimeout(() => ['line 1', 'line 2', 'line 3'].forEach((l) => console.log(l)), 2500)";
        const spec = await h.task({ command: nodeCommand(script) });
        await h.submit(spec);
        const chunks: { text: string; at: number }[] = [];
        for await (const text of h.backend.logs(spec.taskId, { follow: true }))
          chunks.push({ text, at: performance.now() });
        const end = await h.waitFor(spec.taskId, 'terminal', 1000);
        assert.equal(end.state, 'succeeded');
        assert.deepEqual(
          chunks
            .map((c) => c.text)
            .join('')
            .trim()
            .split('\n'),
          ['line 0', 'line 1', 'line 2', 'line 3'],
        );
        const first = chunks.find((c) => c.text.includes('line 0'));
        assert.ok(first && !first.text.includes('line 1'), 'the first line should arrive before the task prints more');
        assert.ok(first.at < end.seenAt);
      }));

    test('logs with follow ends when the signal aborts', () =>
      withHarness(async (h) => {
        const spec = await h.task({ command: nodeCommand(`console.log('start'); ${LONG_SLEEP}`) });
        await h.submit(spec);
        const controller = new AbortController();
        let text = '';
        for await (const chunk of h.backend.logs(spec.taskId, { follow: true, signal: controller.signal })) {
          text += chunk;
          if (text.includes('start')) controller.abort();
        }
        assert.match(text, /start/);
      }));

    test("the vendor's visible-devices variable reaches the process", (t) =>
      withHarness(async (h) => {
        const node = (await h.backend.nodes()).find((n) => n.devices.length > 0);
        const device = node?.devices[0];
        const vendor = device ? getVendor(device.vendor) : undefined;
        if (!node || !device || !vendor) {
          t.skip("the backend's nodes have no devices of a known vendor");
          return;
        }
        const devices = [{ index: device.index, memoryMiB: device.memoryMiB, computePercent: 100, whole: true }];
        const spec = await h.task(
          {
            command: nodeCommand('console.log(JSON.stringify(process.env))'),
            vendor: vendor.id,
            model: device.model,
            devices,
          },
          node,
        );
        await h.submit(spec);
        assert.equal((await h.waitFor(spec.taskId, 'terminal')).state, 'succeeded');
        const env = JSON.parse(await h.readLog(spec.taskId)) as Record<string, string>;
        for (const [variable, value] of Object.entries(vendor.taskEnv(devices)))
          assert.equal(env[variable], value, variable);
        assert.equal(env.JUNCTION_TASK_ID, spec.taskId);
      }));

    test('maxDuration is enforced: the task fails with a message naming the limit', () =>
      withHarness(async (h) => {
        const spec = await h.task({ command: nodeCommand(LONG_SLEEP), maxDurationSeconds: 1, gracePeriodSeconds: 1 });
        await h.submit(spec);
        const started = performance.now();
        const end = await h.waitFor(spec.taskId, 'terminal');
        assert.equal(end.state, 'failed');
        assert.match(end.message ?? '', /exceeded maxDuration 1s/);
        assert.ok(end.seenAt - started < 5000, `took ${Math.round(end.seenAt - started)} ms`);
      }));

    test('a new instance reattaches a running task and observes its real exit code', () =>
      withHarness(async (h) => {
        const spec = await h.task({ command: nodeCommand('setTimeout(() => process.exit(7), 2000)') });
        const handle = await h.submit(spec);
        await h.waitFor(spec.taskId, 'running');
        await h.restart();
        await h.backend.reattach(spec, handle);
        const end = await h.waitFor(spec.taskId, 'terminal');
        assert.deepEqual(h.states(spec.taskId), ['running', 'failed']);
        assert.equal(end.exitCode, 7);
      }));

    test('reattach to a task that finished while nobody watched reports its final state', () =>
      withHarness(async (h) => {
        const spec = await h.task({ command: nodeCommand('process.exit(4)') });
        const handle = await h.submit(spec);
        await h.closeBackend();
        await delay(1000);
        await h.restart();
        await h.backend.reattach(spec, handle);
        const end = await h.waitFor(spec.taskId, 'terminal');
        assert.equal(end.state, 'failed');
        assert.equal(end.exitCode, 4);
      }));

    test('reattach to a task whose supervision died without a status reports lost', async (t) => {
      const { loseTask } = hooks;
      if (loseTask === undefined) {
        t.skip('the backend gives the contract no way to lose a task');
        return;
      }
      await withHarness(async (h) => {
        const spec = await h.task({ command: nodeCommand(LONG_SLEEP) });
        const handle = await h.submit(spec);
        await h.waitFor(spec.taskId, 'running');
        await h.closeBackend();
        await loseTask(handle);
        await h.restart();
        await h.backend.reattach(spec, handle);
        const end = await h.waitFor(spec.taskId, 'terminal');
        assert.equal(end.state, 'lost');
        assert.ok(end.message, 'lost needs a message');
      });
    });

    test('cancel is idempotent', () =>
      withHarness(async (h) => {
        await h.backend.cancel('contract-unknown-task');
        const spec = await h.task({ command: nodeCommand(LONG_SLEEP), gracePeriodSeconds: 2 });
        await h.submit(spec);
        await h.waitFor(spec.taskId, 'running');
        await Promise.all([h.backend.cancel(spec.taskId), h.backend.cancel(spec.taskId)]);
        await h.backend.cancel(spec.taskId);
        await h.waitFor(spec.taskId, 'terminal');
        await h.backend.cancel(spec.taskId);
        await delay(300);
        assert.deepEqual(h.states(spec.taskId), ['running', 'cancelled']);
      }));
  });
}
