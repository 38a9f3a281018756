/**
 * The whole path with real processes: the server, the CLI, the local and emulated backends.
 * A job described once, in vendor-neutral terms, is placed on the right kind of device and run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { JobView } from '../src/server/api-types.js';
import { api, cli, removeDir, type ServerProcess, specFile, startServer, tempDir, until } from './support/junction.js';

let server: ServerProcess;
let dir: string;

before(async () => {
  dir = tempDir('e2e');
  server = await startServer();
});

after(async () => {
  await server.stop();
  removeDir(server.dataDir);
  removeDir(dir);
});

async function job(id: string): Promise<JobView> {
  const { body } = await api<JobView>(server.url, `/api/v1/jobs/${id}`);
  return body;
}

function spec(name: string, body: string): string {
  return `apiVersion: junction/v1\nkind: Job\nmetadata: {name: ${name}}\nspec:\n${body}`;
}

describe('end to end', () => {
  test('submit --follow streams the output of examples/hello.yaml and exits 0', async () => {
    const result = await cli(server.url, ['submit', 'examples/hello.yaml', '--follow']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /hello from Junction/);
    const id = /submitted (\S+)/.exec(result.stderr)?.[1];
    assert.ok(id, result.stderr);
    const view = await cli(server.url, ['get', id, '-o', 'json']);
    const parsed = JSON.parse(view.stdout) as JobView;
    assert.equal(parsed.status.phase, 'Succeeded');
    assert.equal(parsed.status.exitCode, 0);
  });

  test("a failing job's exit code comes back through submit --follow", async () => {
    const path = specFile(
      dir,
      'fail.yaml',
      spec('fails', '  workload:\n    command: [sh, -c, "echo about to fail; exit 3"]\n'),
    );
    const result = await cli(server.url, ['submit', path, '--follow']);
    assert.equal(result.code, 3, result.stderr);
    assert.match(result.stdout, /about to fail/);
    const id = /submitted (\S+)/.exec(result.stderr)![1]!;
    const view = await job(id);
    assert.equal(view.status.phase, 'Failed');
    assert.equal(view.status.exitCode, 3);
    assert.equal(view.status.reason, 'ExitCode');
  });

  test('a failed job is retried as its spec says, then fails with its last exit code', async () => {
    const path = specFile(
      dir,
      'retry.yaml',
      spec(
        'retries',
        '  workload:\n    command: [sh, -c, "echo attempt $JUNCTION_ATTEMPT; exit 5"]\n  runtime: {retries: 2}\n',
      ),
    );
    const result = await cli(server.url, ['submit', path, '--follow']);
    assert.equal(result.code, 5, result.stderr);
    assert.match(result.stdout, /attempt 1[\s\S]*attempt 2[\s\S]*attempt 3/);
    const id = /submitted (\S+)/.exec(result.stderr)![1]!;
    const view = await job(id);
    assert.equal(view.status.attempt, 3);
    assert.equal(view.status.tasks.length, 3);
  });

  test('a long job is cancelled and reaches Cancelled within its grace period', async () => {
    const path = specFile(
      dir,
      'long.yaml',
      spec('long', '  workload:\n    command: [sleep, "300"]\n  runtime: {gracePeriod: 3s}\n'),
    );
    const submitted = await cli(server.url, ['submit', path]);
    assert.equal(submitted.code, 0, submitted.stderr);
    const id = submitted.stdout.trim();
    await until('the job to run', async () =>
      (await job(id)).status.tasks[0]?.state === 'running' ? true : undefined,
    );
    const started = Date.now();
    const cancelled = await cli(server.url, ['cancel', id]);
    assert.equal(cancelled.code, 0, cancelled.stderr);
    const final = await until('Cancelled', async () => {
      const view = await job(id);
      return view.status.phase === 'Cancelled' ? view : undefined;
    });
    assert.ok(Date.now() - started < 3000 + 2000, 'within the grace period (plus polling slack)');
    assert.equal(final.status.tasks[0]!.state, 'cancelled');
    const again = await cli(server.url, ['cancel', id]);
    assert.equal(again.code, 0, 'cancel is idempotent');
  });

  test('a Hygon DCU share runs with HIP_VISIBLE_DEVICES set and its share recorded', async () => {
    const path = specFile(
      dir,
      'dcu-share.yaml',
      spec(
        'dcu-share',
        [
          '  workload:',
          '    command: [sh, -c, "echo HIP=$HIP_VISIBLE_DEVICES MEM=$JUNCTION_DEVICE_MEMORY_LIMIT_MIB PCT=$JUNCTION_DEVICE_COMPUTE_PERCENT EMU=$JUNCTION_EMULATED"]',
          '  resources:',
          '    perReplica:',
          '      accelerators: {share: {memory: 16Gi, compute: 25%}, vendors: [dcu]}',
          '',
        ].join('\n'),
      ),
    );
    const result = await cli(server.url, ['submit', path, '--follow']);
    assert.equal(result.code, 0, result.stderr);
    const id = /submitted (\S+)/.exec(result.stderr)![1]!;
    const view = await job(id);
    const [placement] = view.status.placement!;
    assert.equal(placement!.vendor, 'hygon');
    assert.equal(placement!.site, 'east-dcu');
    assert.deepEqual(placement!.devices, [
      { index: placement!.devices[0]!.index, memoryMiB: 16384, computePercent: 25, whole: false },
    ]);
    assert.match(result.stdout, new RegExp(`HIP=${placement!.devices[0]!.index} MEM=16384 PCT=25 EMU=1`));
  });

  test('a two-replica gang starts both replicas, each on its own devices', async () => {
    const path = specFile(
      dir,
      'gang.yaml',
      spec(
        'gang',
        [
          '  workload:',
          '    command: [sh, -c, "echo replica $JUNCTION_REPLICA of $JUNCTION_REPLICAS on $ASCEND_RT_VISIBLE_DEVICES"]',
          '  resources:',
          '    replicas: 2',
          '    perReplica:',
          '      accelerators: {count: 8, vendors: [ascend], topology: same-domain}',
          '',
        ].join('\n'),
      ),
    );
    const result = await cli(server.url, ['submit', path, '--follow']);
    assert.equal(result.code, 0, result.stderr);
    const id = /submitted (\S+)/.exec(result.stderr)![1]!;
    const view = await job(id);
    assert.equal(view.status.tasks.length, 2);
    assert.ok(view.status.tasks.every((t) => t.state === 'succeeded'));
    assert.deepEqual(new Set(view.status.placement!.map((p) => p.node)).size, 2);
    const logs1 = await api<string>(server.url, `/api/v1/jobs/${id}/logs?replica=1`);
    assert.match(logs1.body, /replica 1 of 2 on 0,1,2,3,4,5,6,7/);
  });

  test('a gang that cannot fit starts no replica and says why', async () => {
    const path = specFile(
      dir,
      'too-big.yaml',
      spec(
        'too-big',
        '  workload:\n    command: ["true"]\n  resources:\n    replicas: 3\n    perReplica:\n      accelerators: {count: 8, vendors: [huawei]}\n',
      ),
    );
    const submitted = await cli(server.url, ['submit', path]);
    const id = submitted.stdout.trim();
    const waiting = await until('a wait reason', async () => {
      const view = await job(id);
      return view.status.reason === 'Unschedulable' ? view : undefined;
    });
    assert.equal(waiting.status.phase, 'Pending');
    assert.equal(waiting.status.tasks.length, 0);
    assert.match(
      waiting.status.message!,
      /gang of 3 replicas \(all or none\): only 2 fit at once; 2 of 2 candidate nodes/,
    );
    const explained = await cli(server.url, ['explain', id]);
    assert.match(explained.stdout, /replica 2 fits nowhere/);
    const nodes = await api<{ items: { site: string; devices: { jobs: string[] }[] }[] }>(server.url, '/api/v1/nodes');
    const held = nodes.body.items
      .filter((n) => n.site === 'south-ascend')
      .flatMap((n) => n.devices.filter((d) => d.jobs.length));
    assert.equal(held.length, 0, 'no device is held by a waiting gang');
    await cli(server.url, ['cancel', id]);
  });

  test('a job that accepts any vendor with ≥ 64 GiB, and an ordered vendor preference', async () => {
    const any = await cli(server.url, ['submit', 'examples/any-vendor-64g.yaml', '--follow']);
    assert.equal(any.code, 0, any.stderr);
    const prefer = await cli(server.url, ['submit', 'examples/prefer-vendors.yaml', '--follow']);
    assert.equal(prefer.code, 0, prefer.stderr);
    const id = /submitted (\S+)/.exec(prefer.stderr)![1]!;
    assert.equal((await job(id)).status.placement![0]!.vendor, 'hygon');
  });

  test('ls, nodes, events and metrics show what happened', async () => {
    const ls = await cli(server.url, ['ls', '-o', 'json']);
    assert.equal(ls.code, 0, ls.stderr);
    const list = JSON.parse(ls.stdout) as { items: JobView[] };
    assert.ok(list.items.some((j) => j.metadata.name === 'hello' && j.status.phase === 'Succeeded'));
    const nodes = await cli(server.url, ['nodes']);
    assert.match(nodes.stdout, /east-dcu/);
    assert.match(nodes.stdout, /hygon-dcu-k100_ai/);
    const id = list.items.find((j) => j.metadata.name === 'hello')!.id;
    const events = await api<{ items: { type: string }[] }>(server.url, `/api/v1/jobs/${id}/events`);
    assert.deepEqual(
      events.body.items.map((e) => e.type).filter((t) => t !== 'Waiting'),
      ['Submitted', 'Scheduled', 'Started', 'TaskEnded', 'Succeeded'],
    );
    const metrics = await api<string>(server.url, '/metrics');
    assert.match(metrics.body, /junction_jobs\{phase="Succeeded"\} [1-9]/);
    assert.match(metrics.body, /junction_devices\{vendor="hygon",state="free"\}/);
    assert.match(metrics.body, /junction_scheduling_latency_seconds_count [1-9]/);
    const openapi = await api<{ paths: Record<string, unknown> }>(server.url, '/openapi.json');
    assert.ok(openapi.body.paths['/api/v1/jobs']);
  });
});
