/**
 * The adaptation center end to end, with a real server and the real CLI: placement follows the
 * verdicts, a probe turns a run into evidence, and knowledge moves between centers by export and
 * import (changing one verdict changes where a job runs).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { JobView, NodeList } from '../src/server/api-types.js';
import { api, cli, removeDir, type ServerProcess, specFile, startServer, tempDir, until } from './support/junction.js';

let server: ServerProcess;
let dir: string;

before(async () => {
  dir = tempDir('compat');
  server = await startServer();
});

after(async () => {
  await server.stop();
  removeDir(server.dataDir);
  removeDir(dir);
});

function pytorchJob(name: string, accelerators: string, extra = ''): string {
  return [
    'apiVersion: junction/v1',
    'kind: Job',
    `metadata: {name: ${name}}`,
    'spec:',
    '  workload:',
    '    framework: {name: pytorch, version: ">=2.1"}',
    '    precision: [bf16]',
    `    command: [sh, -c, 'echo "on $JUNCTION_NODE"; env | grep -E "VISIBLE_DEVICES|JUNCTION_IMAGE" | sort']`,
    extra,
    '  resources:',
    '    perReplica:',
    `      accelerators: ${accelerators}`,
    '',
  ]
    .filter((l) => l !== '')
    .join('\n');
}

async function job(id: string): Promise<JobView> {
  return (await api<JobView>(server.url, `/api/v1/jobs/${id}`)).body;
}

interface KbVerdict {
  model: string;
  stack: string;
  framework: string;
  status: string;
  evidence: { kind: string; outcome?: string; output?: string; title: string }[];
}

async function kb(): Promise<{ revision: number; verdicts: KbVerdict[] }> {
  return JSON.parse((await cli(server.url, ['compat', 'export'])).stdout);
}

describe('adaptation center', () => {
  test('the matrix shows verdicts per model, stack and framework', async () => {
    const matrix = await cli(server.url, ['compat', 'matrix']);
    assert.equal(matrix.code, 0, matrix.stderr);
    assert.match(matrix.stdout, /nvidia-h100-sxm\s+nvidia\s+CUDA 12\.4\s+2\.5\.1 ✓/);
    assert.match(matrix.stdout, /hygon-dcu-k100_ai\s+hygon\s+DTK/);
    assert.match(matrix.stdout, /legend:/);
  });

  test('a job for any vendor lands only on devices with evidence, with that vendor’s variables', async () => {
    const path = specFile(dir, 'any.yaml', pytorchJob('any-bf16', '{count: 1, vendors: [any]}'));
    const explained = await cli(server.url, ['compat', 'explain', path, '-o', 'json']);
    const resolution = JSON.parse(explained.stdout) as {
      options: { model: string }[];
      refused: { model: string; reason: string }[];
    };
    const allowed = new Set(resolution.options.map((o) => o.model));
    assert.ok(!allowed.has('hygon-dcu-k100_ai'));
    assert.match(
      resolution.refused.find((r) => r.model === 'hygon-dcu-k100_ai')!.reason,
      /no verdict for pytorch >=2\.1 bf16 on DTK/,
    );

    const result = await cli(server.url, ['submit', path, '--follow']);
    assert.equal(result.code, 0, result.stderr);
    const id = /submitted (\S+)/.exec(result.stderr)![1]!;
    const placed = (await job(id)).status.placement![0]!;
    assert.ok(allowed.has(placed.model!), `${placed.model} has evidence`);
    assert.notEqual(placed.vendor, 'hygon');
    assert.ok(placed.runtime, 'the placement records the runtime');
    assert.match(
      result.stdout,
      placed.vendor === 'nvidia' ? /CUDA_VISIBLE_DEVICES=\d/ : /ASCEND_RT_VISIBLE_DEVICES=\d/,
    );
    const why = await cli(server.url, ['explain', id]);
    assert.match(why.stdout, /adaptation center: \S+ runs \S+.*: (verified|works-with-caveats) \(document/);
    // Why there: the scheduler's reasons, written out when asked.
    assert.match(
      why.stdout,
      /replica 0 → \S+ devices \d+ \(\S+\): score -?[\d.]+ \(vendor-preference .*\); \d+\/\d+ nodes feasible/,
    );
  });

  test('strict waits where nothing is known; permissive runs there and says it is unverified', async () => {
    const strict = specFile(dir, 'strict.yaml', pytorchJob('dcu-strict', '{count: 1, vendors: [hygon]}'));
    const id = (await cli(server.url, ['submit', strict])).stdout.trim();
    const waiting = await until('a reason', async () => {
      const v = await job(id);
      return v.status.reason === 'Unschedulable' ? v : undefined;
    });
    assert.match(
      waiting.status.message!,
      /hygon-dcu-k100_ai: no verdict for pytorch >=2\.1 bf16 on DTK \(compat: strict\)/,
    );
    const permissive = specFile(
      dir,
      'permissive.yaml',
      pytorchJob('dcu-permissive', '{count: 1, vendors: [hygon]}', '    compat: permissive'),
    );
    const result = await cli(server.url, ['submit', permissive, '--follow']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /HIP_VISIBLE_DEVICES=\d/);
    const pid = /submitted (\S+)/.exec(result.stderr)![1]!;
    const runtime = (await job(pid)).status.placement![0]!.runtime!;
    assert.equal(runtime.verdict, 'unknown');
    assert.match(runtime.evidence, /compat: permissive/);
    await cli(server.url, ['cancel', id]);
  });

  test('importing one verdict changes where a job runs', async () => {
    const strict = specFile(dir, 'strict2.yaml', pytorchJob('dcu-after-import', '{count: 1, vendors: [hygon]}'));
    const id = (await cli(server.url, ['submit', strict])).stdout.trim();
    await until('it to wait', async () => ((await job(id)).status.reason === 'Unschedulable' ? true : undefined));
    const exported = await kb();
    const verdict = {
      model: 'hygon-dcu-k100_ai',
      stack: 'DTK',
      stackVersion: '24.04',
      framework: 'pytorch',
      frameworkVersion: '2.1.0',
      status: 'verified',
      capabilities: { bf16: 'verified' },
      caveats: [],
      evidence: [
        {
          kind: 'probe',
          title: 'torch probe at a partner center',
          date: '2026-11-28',
          node: 'dcu-07',
          site: 'partner',
          outcome: 'pass',
        },
      ],
    };
    const path = specFile(
      dir,
      'partner-kb.json',
      JSON.stringify({ schemaVersion: 1, revision: 7, verdicts: [verdict] }),
    );
    const imported = await cli(server.url, ['compat', 'import', path]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /1 new/);
    const running = await until('it to run on hygon', async () => {
      const v = await job(id);
      return v.status.phase === 'Succeeded' ? v : undefined;
    });
    assert.equal(running.status.placement![0]!.vendor, 'hygon');
    assert.equal(running.status.placement![0]!.runtime!.verdict, 'verified');
    assert.ok((await kb()).revision > exported.revision);
    const bad = specFile(
      dir,
      'bad-kb.json',
      JSON.stringify({ schemaVersion: 1, revision: 1, verdicts: [{ ...verdict, status: 'great' }] }),
    );
    const refused = await cli(server.url, ['compat', 'import', bad]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /verdicts\[0\]\.status/);
  });

  test('a CPU probe on the local site flips a verdict to verified; an injected failure marks it fails with the output', async () => {
    const nodes = (await api<NodeList>(server.url, '/api/v1/nodes?site=local')).body.items;
    const node = nodes[0]!.name;
    const before = (await kb()).verdicts.find((v) => v.model === 'cpu');
    assert.equal(before?.status ?? 'unknown', 'unknown');
    const pass = await cli(server.url, ['compat', 'probe', '--site', 'local', '--node', node]);
    assert.equal(pass.code, 0, pass.stderr);
    assert.match(pass.stdout, /probe cpu on .*: pass/);
    assert.equal((await kb()).verdicts.find((v) => v.model === 'cpu')!.status, 'verified');
    const fail = await cli(server.url, ['compat', 'probe', '--site', 'local', '--node', node, '--fail', 'bf16-matmul']);
    assert.equal(fail.code, 1);
    const after = (await kb()).verdicts.find((v) => v.model === 'cpu')!;
    assert.equal(after.status, 'fails');
    const failed = after.evidence.find((e) => e.outcome === 'fail')!;
    assert.match(failed.output!, /FAIL bf16-matmul/);
  });

  test('a certificate per device model, in Markdown and HTML', async () => {
    const md = await cli(server.url, ['compat', 'certificate', 'nvidia-h100-sxm']);
    assert.equal(md.code, 0, md.stderr);
    assert.match(md.stdout, /H100/);
    const html = await api<string>(server.url, '/api/v1/compat/certificates/nvidia-h100-sxm?format=html');
    assert.match(html.body, /<html/i);
    const missing = await cli(server.url, ['compat', 'certificate', 'no-such-gpu']);
    assert.equal(missing.code, 3);
  });
});
