import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ApiClient, ApiClientError, ServerUnreachableError } from './client.js';
import { EXIT, report } from './errors.js';
import { jobView } from './testing/fixtures.js';
import { refusedUrl, type StandInServer, sendJson, startStandInServer } from './testing/stand-in-server.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('ApiClient against a stand-in server', () => {
  let standIn: StandInServer;
  let client: ApiClient;

  before(async () => {
    standIn = await startStandInServer(async (req, res, url) => {
      if (req.method === 'POST' && url.pathname === '/api/v1/jobs') {
        if (req.body.includes('replicas: -1')) {
          return sendJson(res, 400, {
            error: {
              code: 'invalid_spec',
              message: 'the job spec is invalid',
              issues: [{ path: 'spec.resources.replicas', message: 'must be ≥ 1', hint: 'use 1 or more' }],
            },
          });
        }
        return sendJson(res, 201, jobView({ id: 'job-42' }));
      }
      if (url.pathname === '/api/v1/jobs') return sendJson(res, 200, { items: [jobView()], nextCursor: 'c2' });
      if (url.pathname === '/api/v1/jobs/missing') {
        return sendJson(res, 404, { error: { code: 'not_found', message: 'job missing not found' } });
      }
      if (url.pathname === '/api/v1/queues') {
        res.writeHead(502, { 'content-type': 'text/html' });
        return void res.end('<html>bad gateway</html>');
      }
      if (url.pathname === '/api/v1/nodes') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        return void res.end('hello');
      }
      if (url.pathname === '/api/v1/jobs/job-1/logs') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('epoch 1\n');
        await tick();
        res.write('epoch 2\n');
        await tick();
        // A multi-byte character split across two chunks must come out whole.
        const bytes = Buffer.from('done ✓\n');
        res.write(bytes.subarray(0, 7));
        await tick();
        return void res.end(bytes.subarray(7));
      }
      if (url.pathname === '/api/v1/jobs/job-2/logs') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        return void res.write('first\n'); // never ends: a follow that the client stops
      }
      sendJson(res, 404, { error: { code: 'not_found', message: `no route ${url.pathname}` } });
    });
    client = new ApiClient(`${standIn.url}/`);
  });

  after(() => standIn.close());

  test('submit sends the text as given with its content type and returns the JobView', async () => {
    const job = await client.submitJob('name: x\n', 'application/yaml');
    assert.equal(job.id, 'job-42');
    const sent = standIn.requests.at(-1);
    assert.equal(sent?.headers['content-type'], 'application/yaml');
    assert.equal(sent?.body, 'name: x\n');
  });

  test('list builds the query: phases comma-joined, one label param per label', async () => {
    const list = await client.listJobs({
      phases: ['Pending', 'Running'],
      labels: ['team=nlp', 'env=dev'],
      limit: 5,
      cursor: 'c1',
    });
    assert.equal(list.nextCursor, 'c2');
    const url = new URL(standIn.requests.at(-1)?.url ?? '', 'http://x');
    assert.equal(url.searchParams.get('phase'), 'Pending,Running');
    assert.deepEqual(url.searchParams.getAll('label'), ['team=nlp', 'env=dev']);
    assert.equal(url.searchParams.get('limit'), '5');
    assert.equal(url.searchParams.get('cursor'), 'c1');
    assert.equal(url.searchParams.has('queue'), false);
  });

  test('an ApiError with issues becomes a typed ApiClientError (exit 2)', async () => {
    const error = await client.submitJob('replicas: -1', 'application/yaml').catch((e: unknown) => e);
    assert.ok(error instanceof ApiClientError);
    assert.equal(error.status, 400);
    assert.equal(error.code, 'invalid_spec');
    assert.deepEqual(error.issues, [
      { path: 'spec.resources.replicas', message: 'must be ≥ 1', hint: 'use 1 or more' },
    ]);
    const reported = report(error);
    assert.equal(reported.exitCode, EXIT.usage);
    assert.ok(reported.lines.includes('spec.resources.replicas: must be ≥ 1 (use 1 or more)'));
  });

  test('404 becomes not_found (exit 3)', async () => {
    const error = await client.getJob('missing').catch((e: unknown) => e);
    assert.ok(error instanceof ApiClientError);
    assert.equal(error.status, 404);
    assert.equal(error.code, 'not_found');
    assert.equal(report(error).exitCode, EXIT.notFound);
  });

  test('an error body that is not an ApiError still becomes an ApiClientError (exit 1)', async () => {
    const error = await client.queues().catch((e: unknown) => e);
    assert.ok(error instanceof ApiClientError);
    assert.equal(error.code, 'http_502');
    assert.match(error.message, /bad gateway/);
    assert.equal(report(error).exitCode, EXIT.error);
  });

  test('a 200 that is not JSON is an error that names the server', async () => {
    await assert.rejects(client.nodes(), /did not answer with JSON/);
  });

  test('log streaming yields the chunks in order, decoding across chunk boundaries', async () => {
    const chunks: string[] = [];
    for await (const chunk of await client.logs('job-1', { follow: true })) chunks.push(chunk);
    assert.ok(chunks.length >= 3, `expected several chunks, got ${JSON.stringify(chunks)}`);
    assert.equal(chunks.join(''), 'epoch 1\nepoch 2\ndone ✓\n');
    assert.ok(chunks.every((chunk) => !chunk.includes('\ufffd')));
    const url = new URL(standIn.requests.at(-1)?.url ?? '', 'http://x');
    assert.equal(url.searchParams.get('follow'), 'true');
  });

  test('a consumer that stops early closes the stream', async () => {
    for await (const chunk of await client.logs('job-2', { follow: true, replica: 1 })) {
      assert.equal(chunk, 'first\n');
      break;
    }
    const url = new URL(standIn.requests.at(-1)?.url ?? '', 'http://x');
    assert.equal(url.searchParams.get('replica'), '1');
  });

  test('aborting a follow rejects with the abort, not as unreachable', async () => {
    const controller = new AbortController();
    const stream = await client.logs('job-2', { follow: true, signal: controller.signal });
    const read = (async () => {
      for await (const _chunk of stream) controller.abort();
    })();
    await assert.rejects(read, (error: unknown) => !(error instanceof ServerUnreachableError));
  });

  test('a 404 on logs rejects before iterating', async () => {
    await assert.rejects(client.logs('missing'), ApiClientError);
  });
});

describe('ApiClient without a server', () => {
  test('connection refused becomes ServerUnreachableError, exit 4 with the hint', async () => {
    const client = new ApiClient(await refusedUrl());
    const error = await client.sites().catch((e: unknown) => e);
    assert.ok(error instanceof ServerUnreachableError);
    assert.match(error.message, /ECONNREFUSED/);
    const reported = report(error);
    assert.equal(reported.exitCode, EXIT.unreachable);
    assert.ok(reported.lines.some((line) => line.includes('is `junction serve` running?')));
  });
});
