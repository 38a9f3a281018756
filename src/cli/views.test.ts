import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ReplicaPlacement } from '../cluster/types.js';
import { allocatedDevices, deviceSummary } from './cluster-views.js';
import { serveOptions } from './commands/serve.js';
import { specContentType } from './commands/submit.js';
import { jobExitCode, waitingText } from './follow.js';
import { describeAccelerators, jobsTable, placedOn, placementLines } from './job-views.js';
import { ProgressLine } from './progress.js';
import { captureIo } from './testing/capture-io.js';
import { deviceView, jobView } from './testing/fixtures.js';

const placement: ReplicaPlacement[] = [
  {
    replica: 0,
    site: 'emu-hygon',
    node: 'emu-hygon/node-0',
    cpuMillis: 8000,
    memoryMiB: 65536,
    vendor: 'hygon',
    model: 'hygon-dcu-k100_ai',
    devices: [
      { index: 0, memoryMiB: 65536, computePercent: 100, whole: true },
      { index: 1, memoryMiB: 12288, computePercent: 30, whole: false },
    ],
  },
  {
    replica: 1,
    site: 'lab',
    node: 'lab/cpu-0',
    cpuMillis: 500,
    memoryMiB: 512,
    vendor: null,
    model: null,
    devices: [],
  },
];

describe('job exit codes for submit --follow', () => {
  const cases: [string, Parameters<typeof jobView>[0], number][] = [
    ['succeeded', { phase: 'Succeeded', exitCode: 0 }, 0],
    ['failed with a code', { phase: 'Failed', exitCode: 3 }, 3],
    ['failed without a code', { phase: 'Failed', exitCode: null }, 1],
    ['failed with 0 is still a failure', { phase: 'Failed', exitCode: 0 }, 1],
    ['failed with a code a shell cannot carry', { phase: 'Failed', exitCode: 300 }, 1],
    ['cancelled', { phase: 'Cancelled' }, 130],
  ];
  for (const [name, fixture, want] of cases) test(name, () => assert.equal(jobExitCode(jobView(fixture)), want));

  test('waiting text prefers the message, then the reason', () => {
    assert.equal(waitingText(jobView({ message: 'no quota', reason: 'Unschedulable' })), 'waiting: no quota');
    assert.equal(waitingText(jobView({ reason: 'Unschedulable' })), 'waiting: Unschedulable');
  });
});

describe('job views', () => {
  test('placedOn names vendor/model, cpu for CPU-only, - before placement', () => {
    assert.equal(placedOn(placement), 'hygon/hygon-dcu-k100_ai,cpu');
    assert.equal(placedOn(null), '-');
  });

  test('placement lines show whole devices and shares', () => {
    assert.deepEqual(placementLines(placement), [
      'replica 0 → emu-hygon emu-hygon/node-0: hygon-dcu-k100_ai #0 #1 (12Gi, 30%); 8 cpu, 64Gi',
      'replica 1 → lab lab/cpu-0: cpu only; 500m cpu, 512Mi',
    ]);
  });

  test('accelerator requests read as sentences', () => {
    const base = { count: 0, minMemoryMiB: 0, vendors: [], models: [], topology: 'any' as const };
    assert.equal(describeAccelerators({ ...base, kind: 'none' }), 'none');
    assert.equal(
      describeAccelerators({ ...base, kind: 'whole', count: 4, vendors: ['nvidia', 'hygon'], minMemoryMiB: 65536 }),
      '4× whole device (nvidia, hygon; ≥64Gi; any)',
    );
    assert.equal(
      describeAccelerators({ ...base, kind: 'share', count: 1, share: { memoryMiB: 12288, computePercent: 30 } }),
      'share 12Gi + 30% of one device (any vendor; any)',
    );
  });

  test('the REASON column is truncated, except in wide output', () => {
    const long = 'no node in any site has two free devices of a model in the preference list';
    const job = jobView({ reason: 'Unschedulable', message: long });
    const now = new Date('2026-01-01T00:00:00Z');
    const narrow = jobsTable([job], now, { wide: false, color: false });
    assert.match(narrow, /Unschedulable: no node in any site has…$/m);
    const wide = jobsTable([job], now, { wide: true, color: false });
    assert.ok(wide.includes(long));
    assert.match(wide, /PRIORITY +REPLICAS +ATTEMPT/);
  });
});

describe('cluster views', () => {
  test('devices are counted per model, most common first', () => {
    const devices = [
      deviceView(0, 'hygon-dcu-k100_ai'),
      deviceView(1, 'nvidia-h100-sxm', true),
      deviceView(2, 'hygon-dcu-k100_ai'),
    ];
    assert.equal(deviceSummary(devices), '2× hygon-dcu-k100_ai, 1× nvidia-h100-sxm');
    assert.equal(deviceSummary([]), '-');
    assert.equal(allocatedDevices(devices), 1);
  });
});

describe('small decisions', () => {
  test('content type by extension; stdin is sniffed', () => {
    assert.equal(specContentType('job.json', ''), 'application/json');
    assert.equal(specContentType('JOB.JSON', ''), 'application/json');
    assert.equal(specContentType('job.yaml', '{}'), 'application/yaml');
    assert.equal(specContentType('-', '  {"kind":"Job"}'), 'application/json');
    assert.equal(specContentType('-', 'kind: Job'), 'application/yaml');
  });

  test('serve passes only the flags that were given', () => {
    assert.deepEqual(serveOptions({}), {});
    assert.deepEqual(serveOptions({ port: 0, data: '/tmp/j', config: 'c.yaml', host: '::' }), {
      port: 0,
      dataDir: '/tmp/j',
      configPath: 'c.yaml',
      host: '::',
    });
  });

  test('the progress line draws only on a terminal and erases itself', () => {
    const plain = captureIo();
    const quiet = new ProgressLine(plain.stderr);
    quiet.update('waiting: queued');
    quiet.stop();
    assert.equal(plain.stderr.text, '');

    const tty = captureIo({ tty: true });
    const line = new ProgressLine(tty.stderr);
    line.update('waiting: queued');
    line.stop();
    assert.match(tty.stderr.text, /waiting: queued/);
    assert.ok(tty.stderr.text.endsWith('\r\x1b[2K'));
  });
});
