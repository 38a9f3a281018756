/**
 * Providers register and update their own sites through the API, on a real server: a new cheap
 * site wins a cost-objective job; a price change moves the next plan but never reprices a task that
 * is already running; a provider cannot touch another provider's site; registered sites survive a
 * restart.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { JobView } from '../src/server/api-types.js';
import { api, removeDir, type ServerProcess, startServer, tempDir, until } from './support/junction.js';

const site = (name: string, perHour: number) => ({
  name,
  backend: 'emulated',
  region: 'cn-west',
  prices: [{ model: 'nvidia-a100-80gb', perHour, currency: 'USD' }],
  nodes: [
    {
      name: 'n',
      count: 1,
      cpu: '32',
      memory: '256Gi',
      devices: { vendor: 'nvidia', model: 'nvidia-a100-80gb', count: 8 },
    },
  ],
});

const spec = (name: string, seconds: number) => `apiVersion: junction/v1
kind: Job
metadata: {name: ${name}}
spec:
  workload: {command: [sleep, "${seconds}"]}
  resources: {perReplica: {cpu: "1", memory: 1Gi, accelerators: {count: 1, vendors: [any]}}}
  placement: {objective: cost}
`;

describe('providers register and update their sites', () => {
  let server: ServerProcess;
  let dir: string;
  let provider: string;
  let rival: string;

  const json = (token: string | undefined, method: string, path: string, body: unknown) =>
    api<Record<string, unknown>>(
      server.url,
      path,
      { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      token,
    );
  const plan = async () =>
    (
      await api<{ chosen?: { site: string; pricePerHour: number } }>(server.url, '/api/v1/plan', {
        method: 'POST',
        headers: { 'content-type': 'application/yaml' },
        body: spec('plan', 60),
      })
    ).body.chosen;

  before(async () => {
    dir = tempDir('providers');
    server = await startServer({ dataDir: dir });
    for (const name of ['west-partner', 'rival-partner'])
      assert.equal((await json(undefined, 'POST', '/api/v1/tenants', { name })).status, 201);
    provider = (
      await json(undefined, 'POST', '/api/v1/tokens', { tenant: 'west-partner', user: 'ops', role: 'provider' })
    ).body.token as string;
    rival = (
      await json(undefined, 'POST', '/api/v1/tokens', { tenant: 'rival-partner', user: 'ops', role: 'provider' })
    ).body.token as string;
  });

  after(async () => {
    await server?.stop();
    if (dir) removeDir(dir);
  });

  test('a registered cheap site wins a cost job; a price change moves plans, not running tasks', async () => {
    const created = await json(provider, 'POST', '/api/v1/sites', site('west-a100', 0.3));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.provider, 'west-partner', 'a provider registers for its own organization');
    assert.equal((await plan())?.site, 'west-a100');

    const submitted = await api<JobView>(server.url, '/api/v1/jobs', {
      method: 'POST',
      headers: { 'content-type': 'application/yaml' },
      body: spec('cheap', 30),
    });
    const running = await until('the job to run on the new site', async () => {
      const v = (await api<JobView>(server.url, `/api/v1/jobs/${submitted.body.id}`)).body;
      return v.status.phase === 'Running' ? v : undefined;
    });
    assert.equal(running.status.placement![0]!.site, 'west-a100');

    const raised = await json(provider, 'PUT', '/api/v1/sites/west-a100', {
      prices: [{ model: 'nvidia-a100-80gb', perHour: 9, currency: 'USD' }],
    });
    assert.equal(raised.status, 200, JSON.stringify(raised.body));
    assert.notEqual((await plan())?.site, 'west-a100', 'the next plan sees the new price');

    await api(server.url, `/api/v1/jobs/${submitted.body.id}/cancel`, { method: 'POST' });
    await until('the job to end', async () => {
      const v = (await api<JobView>(server.url, `/api/v1/jobs/${submitted.body.id}`)).body;
      return v.status.phase === 'Cancelled' ? v : undefined;
    });
    const usage = (
      await api<{ items: { perDeviceHourMicros?: number; jobs: number; site: string }[] }>(
        server.url,
        '/api/v1/usage?by=site&running=false',
      )
    ).body.items.find((r) => r.site === 'west-a100');
    assert.ok(usage, 'the run on the new site was metered');
    const bill = (
      await api<{ lines: { site: string; perDeviceHour: string }[] }>(server.url, '/api/v1/bills?tenant=default')
    ).body.lines.find((l) => l.site === 'west-a100');
    assert.equal(bill?.perDeviceHour, '0.300000', 'billed at the price in force when it was placed');
  });

  test('a provider cannot change another provider’s site, nor a site’s hardware', async () => {
    const theirs = await json(rival, 'PUT', '/api/v1/sites/west-a100', { prices: [] });
    assert.equal(theirs.status, 404);
    const hardware = await json(provider, 'PUT', '/api/v1/sites/west-a100', { nodes: [] });
    assert.equal(hardware.status, 400);
    assert.match(
      String((hardware.body.error as { message: string }).message),
      /^nodes: cannot change after registration/,
    );
    const local = await json(provider, 'POST', '/api/v1/sites', { ...site('sneaky', 1), backend: 'local' });
    assert.equal(local.status, 400);
    const forOther = await json(provider, 'POST', '/api/v1/sites', { ...site('forged', 1), provider: 'rival-partner' });
    assert.equal(forOther.status, 400);
  });

  test('registered sites come back after a restart, with their latest terms', async () => {
    await server.stop();
    server = await startServer({ dataDir: dir });
    const sites = (
      await api<{ items: { name: string; provider: string; prices: { perHour: number }[] }[] }>(
        server.url,
        '/api/v1/sites',
      )
    ).body.items;
    const west = sites.find((s) => s.name === 'west-a100');
    assert.equal(west?.provider, 'west-partner');
    assert.equal(west?.prices[0]?.perHour, 9);
    const nodes = (await api<{ items: { site: string }[] }>(server.url, '/api/v1/nodes')).body.items;
    assert.equal(nodes.filter((n) => n.site === 'west-a100').length, 1);
  });
});
