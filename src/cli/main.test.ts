import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { run } from './main.js';
import { type CaptureIo, captureIo } from './testing/capture-io.js';
import { deviceView, jobView, nodeView } from './testing/fixtures.js';
import { refusedUrl, type StandInServer, sendJson, startStandInServer } from './testing/stand-in-server.js';

const argv = (...args: string[]) => ['node', 'junction', ...args];

async function cli(args: string[], io: CaptureIo = captureIo()): Promise<{ code: number; out: string; err: string }> {
  const code = await run(argv(...args), io);
  return { code, out: io.stdout.text, err: io.stderr.text };
}

describe('usage errors exit 2', () => {
  const cases: [string, string[]][] = [
    ['no command', []],
    ['unknown command', ['bogus']],
    ['unknown option', ['ls', '--bogus']],
    ['limit must be positive', ['ls', '--limit', '0']],
    ['limit must be a number', ['ls', '--limit', 'ten']],
    ['unknown phase', ['ls', '--phase', 'Running,Done']],
    ['label without =', ['ls', '--label', 'team']],
    ['unsupported output format', ['ls', '-o', 'xml']],
    ['missing job id', ['get']],
    ['negative replica', ['logs', 'job-1', '--replica', '-1']],
    ['port out of range', ['serve', '--port', '99999']],
    ['server that is not http', ['--server', 'ftp://example', 'ls']],
    ['spec without subcommand', ['spec']],
    ['unreadable spec file', ['submit', '/nonexistent/job.yaml']],
  ];
  for (const [name, args] of cases) {
    test(name, async () => {
      const { code, out, err } = await cli(args);
      assert.equal(code, 2, err);
      assert.equal(out, '');
      assert.match(err, /error|Usage/);
    });
  }

  test('an invalid JUNCTION_SERVER is a usage error too', async () => {
    const { code, err } = await cli(['ls'], captureIo({ env: { JUNCTION_SERVER: 'not a url' } }));
    assert.equal(code, 2);
    assert.match(err, /^error: JUNCTION_SERVER/);
  });

  test('--help exits 0 and prints to stdout', async () => {
    const { code, out } = await cli(['--help']);
    assert.equal(code, 0);
    assert.match(out, /submit/);
  });
});

describe('cannot reach the server', () => {
  test('exit 4 with the hint, server from JUNCTION_SERVER', async () => {
    const url = await refusedUrl();
    const { code, out, err } = await cli(['ls'], captureIo({ env: { JUNCTION_SERVER: url } }));
    assert.equal(code, 4);
    assert.equal(out, '');
    assert.match(err, new RegExp(`^error: cannot reach the server at ${url}`));
    assert.match(err, /is `junction serve` running\? set --server or JUNCTION_SERVER/);
  });
});

describe('spec (offline)', () => {
  const valid = [
    'apiVersion: junction/v1',
    'kind: Job',
    'metadata: {name: hello}',
    'spec:',
    '  workload: {command: [echo, hi]}',
    '  resources: {perReplica: {accelerators: {count: 2}}}',
  ].join('\n');

  test('schema prints the JSON Schema', async () => {
    const { code, out } = await cli(['spec', 'schema']);
    assert.equal(code, 0);
    assert.equal(JSON.parse(out).type, 'object');
  });

  test('validate accepts a valid spec without a server', async () => {
    const { code, out } = await cli(['spec', 'validate', '-'], captureIo({ stdin: valid }));
    assert.equal(code, 0);
    assert.match(out, /^stdin: valid: job hello/);
  });

  test('validate prints each issue and exits 2 for an invalid spec', async () => {
    const invalid = valid.replace('count: 2', 'count: 2, flavour: x');
    const { code, out, err } = await cli(['spec', 'validate', '-'], captureIo({ stdin: invalid }));
    assert.equal(code, 2);
    assert.equal(out, '');
    assert.match(err, /^spec\.resources\.perReplica\.accelerators\.flavour: /m);
  });
});

type Handler = (res: ServerResponse, url: URL, body: string, contentType: string | undefined) => void | Promise<void>;

describe('commands against a stand-in server', () => {
  let standIn: StandInServer;
  const routes = new Map<string, Handler>();
  const route = (key: string, handler: Handler) => routes.set(key, handler);

  before(async () => {
    standIn = await startStandInServer(async (req, res, url) => {
      const handler = routes.get(`${req.method} ${url.pathname}`);
      if (!handler) return sendJson(res, 404, { error: { code: 'not_found', message: `${url.pathname} not found` } });
      await handler(res, url, req.body, req.headers['content-type']);
    });
  });
  after(() => standIn.close());

  const run = (args: string[], io: CaptureIo = captureIo()) => cli(['--server', standIn.url, ...args], io);

  test('submit prints only the job id on stdout', async () => {
    let seenType: string | undefined;
    route('POST /api/v1/jobs', (res, _url, _body, type) => {
      seenType = type;
      sendJson(res, 201, jobView({ id: 'job-42' }));
    });
    const { code, out } = await run(['submit', '-'], captureIo({ stdin: '{"kind": "Job"}' }));
    assert.equal(code, 0);
    assert.equal(out, 'job-42\n');
    assert.equal(seenType, 'application/json');

    const yaml = await run(['submit', '-', '-o', 'json'], captureIo({ stdin: 'kind: Job\n' }));
    assert.equal(JSON.parse(yaml.out).id, 'job-42');
    assert.equal(seenType, 'application/yaml');
  });

  test('submit of an invalid spec prints each issue and exits 2', async () => {
    route('POST /api/v1/jobs', (res) =>
      sendJson(res, 400, {
        error: {
          code: 'invalid_spec',
          message: 'the job spec has 2 problems',
          issues: [
            { path: 'spec.resources.replicas', message: 'must be at least 1', hint: 'use 1 or more' },
            { path: 'spec.priorty', message: 'unknown field', hint: 'did you mean `priority`?' },
          ],
        },
      }),
    );
    const { code, out, err } = await run(['submit', '-'], captureIo({ stdin: 'kind: Job\n' }));
    assert.equal(code, 2);
    assert.equal(out, '');
    const lines = err.trimEnd().split('\n');
    assert.ok(lines.includes('spec.resources.replicas: must be at least 1 (use 1 or more)'), err);
    assert.ok(lines.includes('spec.priorty: unknown field (did you mean `priority`?)'), err);
  });

  test('get of an unknown job exits 3', async () => {
    const { code, out, err } = await run(['get', 'nope']);
    assert.equal(code, 3);
    assert.equal(out, '');
    assert.match(err, /^error: /);
  });

  test('get prints a summary, or the JobView as json/yaml', async () => {
    route('GET /api/v1/jobs/job-1', (res) => sendJson(res, 200, jobView({ phase: 'Running', attempt: 1 })));
    const summary = await run(['get', 'job-1']);
    assert.match(summary.out, /^ID: +job-1$/m);
    assert.match(summary.out, /^Phase: +Running$/m);
    assert.match(summary.out, /2× whole device/);
    const json = await run(['get', 'job-1', '-o', 'json']);
    assert.equal(JSON.parse(json.out).status.phase, 'Running');
    const yaml = await run(['get', 'job-1', '-o', 'yaml']);
    assert.match(yaml.out, /^ {2}phase: Running$/m);
  });

  test('ls --all follows nextCursor; -o json is the whole list', async () => {
    const cursors: (string | null)[] = [];
    route('GET /api/v1/jobs', (res, url) => {
      const cursor = url.searchParams.get('cursor');
      cursors.push(cursor);
      if (cursor === null) return sendJson(res, 200, { items: [jobView({ id: 'job-2' })], nextCursor: 'p2' });
      sendJson(res, 200, { items: [jobView({ id: 'job-1', phase: 'Failed', reason: 'ExitCode' })], nextCursor: null });
    });
    const table = await run(['ls', '--all']);
    assert.equal(table.code, 0);
    assert.deepEqual(cursors, [null, 'p2']);
    const [head, ...rows] = table.out.trimEnd().split('\n');
    assert.match(head ?? '', /^ID +NAME +QUEUE +PHASE +VENDOR\/MODEL +NODES +AGE +REASON$/);
    assert.equal(rows.length, 2);
    assert.match(rows[1] ?? '', /^job-1 +train +research +Failed +- +- +5m +ExitCode$/);

    const json = await run(['ls', '--all', '-o', 'json']);
    assert.deepEqual(
      JSON.parse(json.out).items.map((job: { id: string }) => job.id),
      ['job-2', 'job-1'],
    );
    const onePage = await run(['ls', '-o', 'json', '--phase', 'pending,running']);
    assert.equal(JSON.parse(onePage.out).nextCursor, 'p2');
  });

  test('nodes shows devices, allocation and marks emulated sites', async () => {
    route('GET /api/v1/nodes', (res) =>
      sendJson(res, 200, {
        items: [
          nodeView('emu-hygon/node-0', 'emu-hygon', [
            deviceView(0, 'hygon-dcu-k100_ai', true),
            deviceView(1, 'hygon-dcu-k100_ai'),
          ]),
          nodeView('lab/node-0', 'lab', []),
        ],
      }),
    );
    route('GET /api/v1/sites', (res) =>
      sendJson(res, 200, {
        items: [
          { name: 'emu-hygon', backend: 'emulated', region: 'cn', emulated: true, nodes: 1, devices: 2 },
          { name: 'lab', backend: 'local', region: 'eu', emulated: false, nodes: 1, devices: 0 },
        ],
      }),
    );
    const { code, out } = await run(['nodes']);
    assert.equal(code, 0);
    assert.match(
      out,
      /^emu-hygon\/node-0 +emu-hygon \(emulated\) +2× hygon-dcu-k100_ai +1\/2 +8\/64 +64Gi\/512Gi +Ready$/m,
    );
    assert.match(out, /^lab\/node-0 +lab +- +- /m);
    const onlyLab = await run(['nodes', '--site', 'lab', '-o', 'json']);
    assert.deepEqual(
      JSON.parse(onlyLab.out).items.map((node: { name: string }) => node.name),
      ['lab/node-0'],
    );
  });

  test('cancel prints the new phase', async () => {
    route('POST /api/v1/jobs/job-1/cancel', (res) => sendJson(res, 202, jobView({ phase: 'Cancelled' })));
    const { code, out } = await run(['cancel', 'job-1']);
    assert.equal(code, 0);
    assert.equal(out, 'Cancelled\n');
  });

  test('events pages by afterSeq until no more; explain prints summary and details', async () => {
    route('GET /api/v1/jobs/job-1/events', (res, url) => {
      const after = Number(url.searchParams.get('afterSeq') ?? 0);
      const all = [1, 2, 3].map((seq) => ({
        seq,
        at: `2026-01-01T00:00:0${seq}Z`,
        jobId: 'job-1',
        type: `E${seq}`,
        message: `m${seq}`,
      }));
      sendJson(res, 200, { items: all.filter((e) => e.seq > after).slice(0, 2) });
    });
    const events = await run(['events', 'job-1']);
    assert.deepEqual(
      events.out
        .trimEnd()
        .split('\n')
        .map((line) => line.split(/\s+/)[1]),
      ['E1', 'E2', 'E3'],
    );
    route('GET /api/v1/jobs/job-1/explain', (res) =>
      sendJson(res, 200, {
        jobId: 'job-1',
        phase: 'Pending',
        summary: 'waits: no node has 2 free devices',
        details: ['gang: 0 of 3 nodes fit'],
        placement: null,
      }),
    );
    const explain = await run(['explain', 'job-1']);
    assert.equal(explain.out, 'waits: no node has 2 free devices\n  - gang: 0 of 3 nodes fit\n');
  });

  describe('submit --follow', () => {
    /**
     * Scripts a job through `states`; each GET of the job moves one step on, staying on the last.
     * Like the real server, a follow stream replays every attempt so far (with a marker before each
     * retry); unlike it, the stand-in ends the stream early, as a server restart would.
     */
    function scriptJob(id: string, states: Parameters<typeof jobView>[0][], log: (attempt: number) => string[]) {
      let step = 0;
      let served = jobView({ id });
      route('POST /api/v1/jobs', (res) => sendJson(res, 201, served));
      route(`GET /api/v1/jobs/${id}`, (res) => {
        served = jobView({ id, retries: 1, ...states[Math.min(step, states.length - 1)] });
        step += 1;
        sendJson(res, 200, served);
      });
      route(`GET /api/v1/jobs/${id}/logs`, async (res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        for (let attempt = 1; attempt <= served.status.attempt; attempt++) {
          const chunks = [...(attempt > 1 ? [`--- attempt ${attempt} ---\n`] : []), ...log(attempt)];
          for (const chunk of chunks) {
            res.write(chunk);
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
        }
        res.end();
      });
    }

    test('waits, streams the logs, and exits with the job exit code', async () => {
      scriptJob(
        'job-7',
        [
          { phase: 'Pending', message: 'no node has 2 free devices' },
          { phase: 'Running', attempt: 1 },
          { phase: 'Failed', attempt: 1, exitCode: 3, reason: 'ExitCode' },
        ],
        () => ['step 1\n', 'step 2\n'],
      );
      const io = captureIo({ stdin: 'kind: Job\n', tty: true });
      const { code, out, err } = await run(['submit', '-', '--follow'], io);
      assert.equal(code, 3);
      assert.equal(out, 'step 1\nstep 2\n');
      assert.match(err, /submitted job-7/);
      assert.match(err, /waiting: no node has 2 free devices/);
      assert.match(err, /job job-7 Failed .*exit code 3/);
    });

    test('keeps following across a retry, each attempt once; no progress line off a terminal', async () => {
      scriptJob(
        'job-8',
        [
          { phase: 'Pending', message: 'queued' },
          { phase: 'Running', attempt: 1 },
          { phase: 'Running', attempt: 2 },
          { phase: 'Succeeded', attempt: 2, exitCode: 0 },
        ],
        (attempt) => [`attempt ${attempt} line\n`],
      );
      const { code, out, err } = await run(['submit', '-', '--follow'], captureIo({ stdin: 'kind: Job\n' }));
      assert.equal(code, 0);
      assert.equal(out, 'attempt 1 line\n--- attempt 2 ---\nattempt 2 line\n');
      assert.doesNotMatch(err, /waiting|\r/);
    });

    test('a job that ended between polls still has its log printed; Cancelled exits 130', async () => {
      scriptJob('job-9', [{ phase: 'Cancelled', attempt: 1, reason: 'Cancelled' }], () => ['partial\n']);
      const { code, out } = await run(['submit', '-', '-f'], captureIo({ stdin: 'kind: Job\n' }));
      assert.equal(code, 130);
      assert.equal(out, 'partial\n');
    });

    test('with -o json the logs go to stderr and stdout holds only the final JobView', async () => {
      scriptJob('job-10', [{ phase: 'Succeeded', attempt: 1, exitCode: 0 }], () => ['hello\n']);
      const { code, out, err } = await run(['submit', '-', '-f', '-o', 'json'], captureIo({ stdin: 'kind: Job\n' }));
      assert.equal(code, 0);
      assert.equal(JSON.parse(out).status.phase, 'Succeeded');
      assert.match(err, /hello/);
    });

    test('Ctrl-C stops following, leaves the job running and says so', async () => {
      const io = captureIo({ stdin: 'kind: Job\n' });
      let polls = 0;
      route('POST /api/v1/jobs', (res) => sendJson(res, 201, jobView({ id: 'job-11' })));
      route('GET /api/v1/jobs/job-11', (res) => {
        polls += 1;
        if (polls === 3) io.interrupt();
        sendJson(res, 200, jobView({ id: 'job-11', message: 'waiting for quota' }));
      });
      let cancelled = false;
      route('POST /api/v1/jobs/job-11/cancel', (res) => {
        cancelled = true;
        sendJson(res, 202, jobView({ id: 'job-11' }));
      });
      const { code, out, err } = await run(['submit', '-', '--follow'], io);
      assert.equal(code, 130);
      assert.equal(out, '');
      assert.match(err, /job job-11 keeps running/);
      assert.equal(cancelled, false);
    });
  });
});
