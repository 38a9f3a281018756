/**
 * The compute service platform against a real server on an emulated site: tenants' quotas
 * (waiting at quota while another tenant's guarantee is served, borrowing, reclaim), and metering
 * (bills that sum exactly to recorded usage; a job cancelled half-way billed for what it used).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { JobView } from '../src/server/api-types.js';
import { adminToken, api, removeDir, type ServerProcess, startServer, tempDir, until } from './support/junction.js';

// 3.6 per device-hour = 1,000 micro-units per device-second, so expected costs are easy to state.
const CONFIG = `
demo: false
sites:
  - name: lab
    backend: emulated
    region: test
    provider: lab-partner
    prices: [{model: nvidia-h100-sxm, perHour: 3.6, currency: USD}]
    cpuPricePerCoreHour: 0.36
    nodes:
      - {name: gpu, count: 1, cpu: "64", memory: 256Gi, devices: {vendor: nvidia, model: nvidia-h100-sxm, count: 4}}
queues:
  - {name: acme, tenant: acme, weight: 1, quota: {devices: {nvidia: 2}}, limit: {devices: {nvidia: 2}}}
  - {name: globex, tenant: globex, weight: 1, quota: {devices: {nvidia: 2}}, limit: {devices: {nvidia: 4}}}
`;

const job = (name: string, seconds: number, extra = '') => `apiVersion: junction/v1
kind: Job
metadata: {name: ${name}}
spec:
  workload: {command: [sleep, "${seconds}"]}
  resources: {perReplica: {cpu: "1", memory: 1Gi, accelerators: {count: 1, vendors: [nvidia]}}}
${extra}`;

describe('platform: quotas and metering', () => {
  let server: ServerProcess;
  let dir: string;
  const token: Record<string, string> = {};

  const as = async <T>(who: string, method: string, path: string, body?: string, type = 'application/yaml') =>
    api<T>(
      server.url,
      path,
      { method, ...(body !== undefined && { body, headers: { 'content-type': type } }) },
      token[who],
    );
  const submit = async (who: string, spec: string) => {
    const res = await as<JobView>(who, 'POST', '/api/v1/jobs', spec);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.id;
  };
  const view = async (who: string, id: string) => (await as<JobView>(who, 'GET', `/api/v1/jobs/${id}`)).body;
  const phase = (who: string, id: string, want: string, timeoutMs = 30_000) =>
    until(
      `${id} to be ${want}`,
      async () => ((await view(who, id)).status.phase === want ? true : undefined),
      timeoutMs,
    );

  before(async () => {
    dir = tempDir('platform');
    server = await startServer({ dataDir: dir, config: CONFIG });
    token.admin = adminToken(server.url);
    for (const tenant of ['acme', 'globex']) {
      assert.equal(
        (await as('admin', 'POST', '/api/v1/tenants', JSON.stringify({ name: tenant }), 'application/json')).status,
        201,
      );
      const res = await as<{ token: string }>(
        'admin',
        'POST',
        '/api/v1/tokens',
        JSON.stringify({ tenant, user: `${tenant}-user`, role: 'member' }),
        'application/json',
      );
      token[tenant] = res.body.token;
    }
  });

  after(async () => {
    await server?.stop();
    if (dir) removeDir(dir);
  });

  test('a tenant at its quota waits while another tenant’s guarantee is served; borrowing and reclaim', async () => {
    const a = [
      await submit('acme', job('a1', 300)),
      await submit('acme', job('a2', 300)),
      await submit('acme', job('a3', 300)),
    ];
    await phase('acme', a[0]!, 'Running');
    await phase('acme', a[1]!, 'Running');
    const waiting = await until('a3 to wait at its quota', async () => {
      const v = await view('acme', a[2]!);
      return v.status.reason === 'Unschedulable' ? v : undefined;
    });
    assert.equal(waiting.status.phase, 'Pending');
    assert.match(waiting.status.message ?? '', /queue acme .*limit/);
    // Two devices are free, but acme may not borrow: globex's guarantee is served at once.
    const g = [await submit('globex', job('g1', 300)), await submit('globex', job('g2', 300))];
    await phase('globex', g[0]!, 'Running');
    await phase('globex', g[1]!, 'Running');
    assert.equal((await view('acme', a[2]!)).status.phase, 'Pending', 'acme still waits at its quota');

    // acme leaves; globex borrows the idle guarantee up to its limit of 4.
    for (const id of a) await as('acme', 'POST', `/api/v1/jobs/${id}/cancel`);
    for (const id of a) await phase('acme', id, 'Cancelled');
    const borrowed = [
      await submit('globex', job('g3', 300, '  priority: low\n  runtime: {preemptible: true}\n')),
      await submit('globex', job('g4', 300, '  priority: low\n  runtime: {preemptible: true}\n')),
    ];
    for (const id of borrowed) await phase('globex', id, 'Running');
    // acme comes back: its guarantee is reclaimed from globex's borrowed jobs, not from g1/g2.
    const back = await submit('acme', job('a4', 300));
    await phase('acme', back, 'Running', 45_000);
    const reclaimed = await Promise.all(
      borrowed.map((id) => as<{ items: { type: string }[] }>('globex', 'GET', `/api/v1/jobs/${id}/events`)),
    );
    assert.ok(
      reclaimed.some((r) => r.body.items.some((e) => e.type === 'Preempting')),
      'one of globex’s borrowed jobs was evicted',
    );
    for (const id of g)
      assert.equal((await view('globex', id)).status.phase, 'Running', 'guaranteed jobs keep running');
    // Tidy up for the metering test.
    for (const [who, id] of [
      ...g.map((id) => ['globex', id]),
      ...borrowed.map((id) => ['globex', id]),
      ['acme', back],
    ] as const)
      await as(who, 'POST', `/api/v1/jobs/${id}/cancel`);
    for (const [who, id] of [...g.map((id) => ['globex', id]), ['acme', back]] as const)
      await phase(who, id, 'Cancelled');
  });

  test('bills sum exactly to the recorded usage; a job cancelled half-way is billed for what it used', async () => {
    const before =
      (await as<{ totals: { costMicros: number }[] }>('acme', 'GET', '/api/v1/bills')).body.totals[0]?.costMicros ?? 0;
    const done = [await submit('acme', job('short-1', 1)), await submit('acme', job('short-2', 2))];
    const long = await submit('acme', job('cancelled', 120));
    for (const id of done) await phase('acme', id, 'Succeeded');
    await phase('acme', long, 'Running');
    await new Promise((r) => setTimeout(r, 1500));
    await as('acme', 'POST', `/api/v1/jobs/${long}/cancel`);
    await phase('acme', long, 'Cancelled');

    // What each task ran for, from the tasks' own records: 1,000 micro per device-second + 100 per CPU-second.
    let expected = 0;
    for (const id of [...done, long]) {
      for (const t of (await view('acme', id)).status.tasks) {
        const ms = Date.parse(t.finishedAt!) - Date.parse(t.startedAt!);
        expected += Math.round(ms) + Math.round(ms / 10);
      }
    }
    const cancelled = (await view('acme', long)).status.tasks[0]!;
    const usedMs = Date.parse(cancelled.finishedAt!) - Date.parse(cancelled.startedAt!);
    assert.ok(usedMs > 1000 && usedMs < 60_000, `the cancelled job ran ${usedMs} ms, not its full 120 s`);

    const bill = (
      await as<{ totals: { currency: string; costMicros: number }[]; lines: { costMicros: number }[] }>(
        'acme',
        'GET',
        '/api/v1/bills',
      )
    ).body;
    const usage = (
      await as<{ items: { costMicros: number }[] }>('acme', 'GET', '/api/v1/usage?by=tenant&running=false')
    ).body;
    const total = bill.totals.find((t) => t.currency === 'USD')!.costMicros;
    assert.equal(
      total,
      bill.lines.reduce((s, l) => s + l.costMicros, 0),
      'lines sum to the total',
    );
    assert.equal(
      total,
      usage.items.reduce((s, r) => s + r.costMicros, 0),
      'the bill equals the metered usage',
    );
    // Day boundaries may split a task into two records, each rounded once: allow one micro per record.
    assert.ok(Math.abs(total - before - expected) <= 6, `billed ${total - before}, ran for ${expected}`);
    assert.ok(total - before > 3000, 'the three jobs cost something');

    const csv = await api<string>(server.url, '/api/v1/bills?format=csv', {}, token.acme);
    assert.match(csv.body, new RegExp(`^TOTAL,tenant,acme,.*,${total},`, 'm'));
    // Another tenant cannot read acme's bill, and the provider's payout holds the same money.
    assert.equal((await as('globex', 'GET', '/api/v1/bills?tenant=acme')).status, 404);
    const payout = (
      await as<{ totals: { costMicros: number }[] }>('admin', 'GET', '/api/v1/payouts?provider=lab-partner')
    ).body;
    const globexBill = (await as<{ totals: { costMicros: number }[] }>('globex', 'GET', '/api/v1/bills')).body;
    assert.equal(payout.totals[0]!.costMicros, total + (globexBill.totals[0]?.costMicros ?? 0));
  });
});
