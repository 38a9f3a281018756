/**
 * Federation end to end on the emulated demo federation (three sites, three vendors, demo prices):
 * `plan` ranks sites by the job's objective within its constraints, a deadline no site can meet is
 * refused at submit with the best achievable time, and a job whose site loses it fails over.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { JobView } from '../src/server/api-types.js';
import { api, cli, removeDir, type ServerProcess, specFile, startServer, tempDir, until } from './support/junction.js';

let server: ServerProcess;
let dir: string;

before(async () => {
  dir = tempDir('federation');
  server = await startServer();
});

after(async () => {
  await server.stop();
  removeDir(server.dataDir);
  removeDir(dir);
});

interface PlanJson {
  objective: string;
  chosen?: { site: string; model: string };
  refusal?: string;
  ranked: {
    site: string;
    model: string;
    feasible: boolean;
    reason: string;
    prediction?: { end: number; cost: number; pricePerHour: number };
  }[];
}

function job(name: string, placement: string, extra = ''): string {
  return [
    'apiVersion: junction/v1',
    'kind: Job',
    `metadata: {name: ${name}}`,
    'spec:',
    '  workload:',
    '    framework: {name: pytorch, version: ">=2.1"}',
    '    compat: permissive',
    '    estimate: {duration: 10h, on: A100}',
    '    command: [sh, -c, "echo on $JUNCTION_SITE; sleep 2"]',
    extra,
    '  resources:',
    '    perReplica:',
    '      accelerators: {count: 1}',
    `  placement: ${placement}`,
    '',
  ]
    .filter((l) => l !== '')
    .join('\n');
}

async function plan(name: string, placement: string): Promise<PlanJson> {
  const result = await cli(server.url, ['plan', specFile(dir, `${name}.yaml`, job(name, placement)), '-o', 'json']);
  return JSON.parse(result.stdout) as PlanJson;
}

describe('federation', () => {
  test('objective cost picks the cheapest feasible site, objective time the earliest finishing', async () => {
    const cost = await plan('by-cost', '{objective: cost}');
    const feasible = cost.ranked.filter((c) => c.feasible);
    assert.ok(feasible.length >= 3);
    const cheapest = Math.min(...feasible.map((c) => c.prediction!.cost));
    assert.equal(feasible[0]!.prediction!.cost, cheapest);
    assert.deepEqual(cost.chosen, { ...cost.chosen, site: feasible[0]!.site });
    const time = await plan('by-time', '{objective: time}');
    const soonest = Math.min(...time.ranked.filter((c) => c.feasible).map((c) => c.prediction!.end));
    assert.equal(time.ranked[0]!.prediction!.end, soonest);
    assert.match(time.ranked[1]!.reason, /^lost: ends at/);
  });

  test('no chosen candidate violates the price cap, the allowed sites or regions', async () => {
    const capped = await plan('capped', '{objective: time, maxPricePerHour: 2}');
    for (const c of capped.ranked.filter((c) => c.feasible))
      assert.ok(c.prediction!.pricePerHour <= 2, `${c.site} ${c.prediction!.pricePerHour}`);
    assert.ok(
      capped.ranked.some((c) => !c.feasible && /above the cap/.test(c.reason)),
      'the expensive site is refused for its price',
    );
    const regional = await plan('regional', '{objective: cost, regions: [cn-south]}');
    assert.equal(regional.chosen?.site, 'south-ascend');
    assert.ok(regional.ranked.filter((c) => c.feasible).every((c) => c.site === 'south-ascend'));
  });

  test('a deadline no site can meet is refused at submit, with the best achievable time', async () => {
    const deadline = new Date(Date.now() + 60 * 60 * 1000).toISOString();
    const path = specFile(dir, 'late.yaml', job('late', `{objective: time, deadline: "${deadline}"}`));
    const result = await cli(server.url, ['submit', path]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /no site can finish by .*: the earliest is \S+ at \d{4}-\d\d-\d\dT/);
    const jobs = (await api<{ items: JobView[] }>(server.url, '/api/v1/jobs?name=late')).body.items;
    assert.equal(jobs.length, 0, 'nothing was accepted');
  });

  test('a job whose site loses it mid-run is resubmitted elsewhere and finishes', async () => {
    const path = specFile(
      dir,
      'failover.yaml',
      job('failover', '{objective: cost}', '  runtime: {retries: 1}').replace('sleep 2', 'sleep 4'),
    );
    const id = (await cli(server.url, ['submit', path])).stdout.trim();
    const first = await until('the first attempt to run', async () => {
      const v = (await api<JobView>(server.url, `/api/v1/jobs/${id}`)).body;
      return v.status.tasks[0]?.state === 'running' ? v : undefined;
    });
    const lostSite = first.status.placement![0]!.site;
    const taskDir = join(server.dataDir, 'sites', lostSite, 'tasks', `${id}-r0-a1`);
    // The backend reports the task running as it spawns the runner; the runner writes its file a moment later.
    const runner = await until('the runner to record its pid', async () =>
      existsSync(join(taskDir, 'runner.json'))
        ? (JSON.parse(readFileSync(join(taskDir, 'runner.json'), 'utf8')) as { runnerPid: number })
        : undefined,
    );
    process.kill(-runner.runnerPid, 'SIGKILL'); // the site loses the replica
    const done = await until(
      'the job to finish elsewhere',
      async () => {
        const v = (await api<JobView>(server.url, `/api/v1/jobs/${id}`)).body;
        return v.status.phase === 'Succeeded' ? v : undefined;
      },
      60_000,
    );
    assert.equal(done.status.attempt, 2);
    assert.notEqual(done.status.placement![0]!.site, lostSite);
    const events = (await api<{ items: { type: string; message: string }[] }>(server.url, `/api/v1/jobs/${id}/events`))
      .body.items;
    assert.ok(events.some((e) => e.type === 'Failover' && e.message.includes(lostSite)));
    const why = await cli(server.url, ['explain', id]);
    assert.match(why.stdout, /federation \(objective cost\)/);
    assert.match(why.stdout, /chosen: cheapest feasible/);
  });
});
