/**
 * Bad input, table-driven, against a real server process: every malformed spec or request gets
 * a 4xx naming the field at fault, the server stays up, and nothing stored changes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ApiError, JobList, JobView } from '../src/server/api-types.js';
import { api, removeDir, type ServerProcess, startServer } from './support/junction.js';

let server: ServerProcess;
let baseline: JobView;

const VALID = `apiVersion: junction/v1
kind: Job
metadata: {name: ok}
spec:
  workload:
    command: [sleep, "60"]
  resources:
    perReplica:
      accelerators: {count: 1, vendors: [nvidia]}
`;

/** The valid spec with one line replaced (or appended under `spec:`). */
function withSpec(extra: string): string {
  return `apiVersion: junction/v1\nkind: Job\nmetadata: {name: bad}\nspec:\n  workload:\n    command: [echo, hi]\n${extra}`;
}

interface Case {
  name: string;
  body: string;
  type?: string;
  status?: number;
  /** Field path the error must name (in `issues[].path` or the message). */
  path: string;
  /** Something the message or hint must say to help. */
  says?: RegExp;
}

const SPEC_CASES: Case[] = [
  {
    name: 'replicas of the wrong type',
    body: withSpec('  resources: {replicas: two}\n'),
    path: 'spec.resources.replicas',
  },
  {
    name: 'negative replicas',
    body: withSpec('  resources: {replicas: -2}\n'),
    path: 'spec.resources.replicas',
    says: /1|1024/,
  },
  { name: 'zero replicas', body: withSpec('  resources: {replicas: 0}\n'), path: 'spec.resources.replicas' },
  {
    name: 'negative device count',
    body: withSpec('  resources:\n    perReplica:\n      accelerators: {count: -1}\n'),
    path: 'spec.resources.perReplica.accelerators.count',
  },
  {
    name: 'fractional device count',
    body: withSpec('  resources:\n    perReplica:\n      accelerators: {count: 1.5}\n'),
    path: 'spec.resources.perReplica.accelerators.count',
  },
  {
    name: 'unknown vendor with a suggestion',
    body: withSpec('  resources:\n    perReplica:\n      accelerators: {count: 1, vendors: [nvidai]}\n'),
    path: 'spec.resources.perReplica.accelerators.vendors[0]',
    says: /nvidia/,
  },
  {
    name: 'unknown model',
    body: withSpec('  resources:\n    perReplica:\n      accelerators: {count: 1, models: [H1000X]}\n'),
    path: 'spec.resources.perReplica.accelerators.models[0]',
  },
  {
    name: 'share over 100%',
    body: withSpec('  resources:\n    perReplica:\n      accelerators: {share: {memory: 8Gi, compute: 150%}}\n'),
    path: 'spec.resources.perReplica.accelerators.share.compute',
    says: /100/,
  },
  {
    name: 'share with zero memory',
    body: withSpec('  resources:\n    perReplica:\n      accelerators: {share: {memory: 0, compute: 10}}\n'),
    path: 'spec.resources.perReplica.accelerators.share.memory',
  },
  {
    name: 'count and share together',
    body: withSpec(
      '  resources:\n    perReplica:\n      accelerators: {count: 1, share: {memory: 8Gi, compute: 10}}\n',
    ),
    path: 'spec.resources.perReplica.accelerators',
    says: /count|share/,
  },
  {
    name: 'unknown key with did-you-mean',
    body: withSpec('  resources: {replica: 2}\n'),
    path: 'spec.resources.replica',
    says: /replicas/,
  },
  { name: 'misspelled section', body: withSpec('  runtme: {retries: 1}\n'), path: 'spec.runtme', says: /runtime/ },
  {
    name: 'wrong apiVersion',
    body: VALID.replace('junction/v1', 'junction/v9'),
    path: 'apiVersion',
    says: /junction\/v1/,
  },
  { name: 'wrong kind', body: VALID.replace('kind: Job', 'kind: Pod'), path: 'kind' },
  { name: 'missing name', body: VALID.replace('metadata: {name: ok}', 'metadata: {}'), path: 'metadata.name' },
  { name: 'name with capitals', body: VALID.replace('name: ok', 'name: My_Job'), path: 'metadata.name' },
  {
    name: 'command as a shell string',
    body: 'apiVersion: junction/v1\nkind: Job\nmetadata: {name: s}\nspec:\n  workload:\n    command: "python train.py"\n',
    path: 'spec.workload.command',
    says: /list/,
  },
  {
    name: 'empty command',
    body: 'apiVersion: junction/v1\nkind: Job\nmetadata: {name: s}\nspec:\n  workload:\n    command: []\n',
    path: 'spec.workload.command',
  },
  {
    name: 'missing workload',
    body: 'apiVersion: junction/v1\nkind: Job\nmetadata: {name: s}\nspec: {}\n',
    path: 'spec.workload',
  },
  {
    name: 'env value that is a number',
    body: withSpec('  resources: {}\n').replace('command: [echo, hi]', 'command: [echo, hi]\n    env: {THREADS: 8}'),
    path: 'spec.workload.env.THREADS',
    says: /quote|string/,
  },
  {
    name: 'memory that is not a quantity',
    body: withSpec('  resources:\n    perReplica: {memory: lots}\n'),
    path: 'spec.resources.perReplica.memory',
    says: /Gi/,
  },
  {
    name: 'negative CPU',
    body: withSpec('  resources:\n    perReplica: {cpu: -1}\n'),
    path: 'spec.resources.perReplica.cpu',
  },
  {
    name: 'deadline that is not a date',
    body: withSpec('  placement: {deadline: tomorrow}\n'),
    path: 'spec.placement.deadline',
  },
  {
    name: 'negative price cap',
    body: withSpec('  placement: {maxPricePerHour: -5}\n'),
    path: 'spec.placement.maxPricePerHour',
  },
  { name: 'unknown priority', body: withSpec('  priority: urgent\n'), path: 'spec.priority', says: /critical/ },
  {
    name: 'unknown topology',
    body: withSpec('  resources:\n    perReplica:\n      accelerators: {count: 1, topology: same-rack}\n'),
    path: 'spec.resources.perReplica.accelerators.topology',
  },
  {
    name: 'unknown precision',
    body: withSpec('  resources: {}\n').replace('command: [echo, hi]', 'command: [echo, hi]\n    precision: [fp7]'),
    path: 'spec.workload.precision[0]',
  },
  { name: 'negative retries', body: withSpec('  runtime: {retries: -1}\n'), path: 'spec.runtime.retries' },
  {
    name: 'duration that is not a duration',
    body: withSpec('  runtime: {maxDuration: forever}\n'),
    path: 'spec.runtime.maxDuration',
  },
  { name: 'bad YAML', body: 'apiVersion: junction/v1\nspec: [unclosed\n', path: '(document)' },
  { name: 'two YAML documents', body: `${VALID}---\n${VALID}`, path: '(document)' },
  { name: 'a list at the top level', body: '- a\n- b\n', path: '(document)' },
  { name: 'bad JSON', body: '{"apiVersion": "junction/v1", ', type: 'application/json', path: '(document)' },
  {
    name: 'JSON with a wrong type',
    body: '{"apiVersion":"junction/v1","kind":"Job","metadata":{"name":"j"},"spec":{"workload":{"command":["x"]},"resources":{"replicas":"3"}}}',
    type: 'application/json',
    path: 'spec.resources.replicas',
  },
];

const REQUEST_CASES: {
  name: string;
  method?: string;
  path: string;
  body?: string;
  type?: string;
  status: number;
  says: RegExp;
}[] = [
  {
    name: 'empty body',
    method: 'POST',
    path: '/api/v1/jobs',
    body: ' ',
    type: 'application/yaml',
    status: 400,
    says: /empty/,
  },
  {
    name: 'huge body',
    method: 'POST',
    path: '/api/v1/jobs',
    body: `# ${'x'.repeat(2 * 1024 * 1024)}\n`,
    type: 'application/yaml',
    status: 413,
    says: /limit/,
  },
  {
    name: 'unsupported content type',
    method: 'POST',
    path: '/api/v1/jobs',
    body: 'abc',
    type: 'image/png',
    status: 415,
    says: /yaml/,
  },
  { name: 'limit out of range', path: '/api/v1/jobs?limit=0', status: 400, says: /limit/ },
  { name: 'limit not a number', path: '/api/v1/jobs?limit=ten', status: 400, says: /limit/ },
  { name: 'unknown phase filter', path: '/api/v1/jobs?phase=Done', status: 400, says: /phase.*Pending/ },
  { name: 'label filter without =', path: '/api/v1/jobs?label=team', status: 400, says: /label/ },
  { name: 'garbage cursor', path: '/api/v1/jobs?cursor=%%%garbage', status: 400, says: /cursor/ },
  { name: 'unknown job', path: '/api/v1/jobs/j-nope', status: 404, says: /j-nope/ },
  { name: 'cancel an unknown job', method: 'POST', path: '/api/v1/jobs/j-nope/cancel', status: 404, says: /j-nope/ },
  { name: 'unknown route', path: '/api/v1/jobz', status: 404, says: /no route/ },
];

async function snapshot(): Promise<string> {
  const { body } = await api<JobList>(server.url, '/api/v1/jobs?limit=500');
  return JSON.stringify(body.items.map((j) => [j.id, j.status.phase, j.status.attempt]));
}

before(async () => {
  server = await startServer();
  const { status, body } = await api<JobView>(server.url, '/api/v1/jobs', {
    method: 'POST',
    headers: { 'content-type': 'application/yaml' },
    body: VALID,
  });
  assert.equal(status, 201);
  baseline = body;
});

after(async () => {
  await server.stop();
  removeDir(server.dataDir);
});

describe('bad input', () => {
  test('the table has at least 30 malformed specs and requests', () => {
    assert.ok(SPEC_CASES.length + REQUEST_CASES.length >= 30);
  });

  for (const c of SPEC_CASES) {
    test(`spec: ${c.name} → 400 naming ${c.path}`, async () => {
      const before = await snapshot();
      const { status, body } = await api<{ error: ApiError }>(server.url, '/api/v1/jobs', {
        method: 'POST',
        headers: { 'content-type': c.type ?? 'application/yaml' },
        body: c.body,
      });
      assert.equal(status, c.status ?? 400, JSON.stringify(body));
      assert.equal(body.error.code, 'invalid_spec');
      const issue = body.error.issues?.find((i) => i.path === c.path);
      assert.ok(issue, `no issue at ${c.path}: ${JSON.stringify(body.error.issues)}`);
      if (c.says) assert.match(`${issue.message} ${issue.hint ?? ''}`, c.says);
      assert.equal(await snapshot(), before, 'nothing stored changed');
    });
  }

  for (const c of REQUEST_CASES) {
    test(`request: ${c.name} → ${c.status}`, async () => {
      const before = await snapshot();
      const init: RequestInit = { method: c.method ?? 'GET' };
      if (c.body !== undefined) init.body = c.body;
      if (c.type) init.headers = { 'content-type': c.type };
      const { status, body } = await api<{ error: ApiError }>(server.url, c.path, init);
      assert.equal(status, c.status, JSON.stringify(body));
      assert.match(body.error.message, c.says);
      assert.equal(await snapshot(), before, 'nothing stored changed');
    });
  }

  test('a replica that does not exist is a 400 naming the parameter', async () => {
    const { status, body } = await api<{ error: ApiError }>(server.url, `/api/v1/jobs/${baseline.id}/logs?replica=9`);
    assert.equal(status, 400);
    assert.match(body.error.message, /replica/);
  });

  test('the server is still up and the accepted job is intact', async () => {
    const health = await api<{ status: string }>(server.url, '/healthz');
    assert.equal(health.body.status, 'ok');
    const job = await api<JobView>(server.url, `/api/v1/jobs/${baseline.id}`);
    assert.equal(job.status, 200);
    assert.equal(job.body.metadata.name, 'ok');
    await api(server.url, `/api/v1/jobs/${baseline.id}/cancel`, { method: 'POST' });
  });
});
