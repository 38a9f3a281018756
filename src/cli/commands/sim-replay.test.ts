import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Command } from 'commander';
import { TIMED_NODES_CSV, TIMED_PODS_CSV } from '../../sim/time-testing.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { captureIo } from '../testing/capture-io.js';
import { registerSimReplay } from './sim-replay.js';

async function runReplay(args: string[]) {
  const io = captureIo();
  const ctx: CliContext = {
    io,
    client: () => {
      throw new Error('sim needs no server');
    },
    exitCode: 0,
  };
  const program = new Command('junction').exitOverride();
  registerSimReplay(program.command('sim').exitOverride(), ctx);
  await program.parseAsync(['node', 'junction', 'sim', 'replay', ...args]);
  return io;
}

function fixtureFiles(): { dir: string; nodes: string; pods: string } {
  const dir = mkdtempSync(join(tmpdir(), 'junction-replay-'));
  const nodes = join(dir, 'nodes.csv');
  const pods = join(dir, 'pods.csv');
  writeFileSync(nodes, TIMED_NODES_CSV);
  writeFileSync(pods, TIMED_PODS_CSV);
  return { dir, nodes, pods };
}

describe('junction sim replay', () => {
  it('prints the metrics as JSON and writes the SVG and CSVs', async () => {
    const f = fixtureFiles();
    const out = join(f.dir, 'out');
    const args = ['--nodes', f.nodes, '--pods', f.pods, '--format', 'json', '--out', out, '--sample-seconds', '50'];
    const io = await runReplay(args);
    const summary = JSON.parse(io.stdout.text);
    assert.equal(summary.profile, 'default');
    assert.deepEqual(summary.queueingDelay, { count: 5, mean: 35.6, p50: 28, p95: 80, p99: 80, max: 80 });
    assert.equal(summary.neverPlaced, 1);
    assert.ok(summary.wall.seconds >= 0);
    assert.ok(readFileSync(join(out, 'replay-utilization.svg'), 'utf8').includes('<svg'));
    const csv = readFileSync(join(out, 'replay-utilization.csv'), 'utf8').trimEnd().split('\n');
    assert.deepEqual(csv.slice(0, 3), ['time_s,allocated_gpu_pct,running,waiting', '0,50.0000,1,0', '50,100.0000,2,3']);
    const jobs = readFileSync(join(out, 'replay-jobs.csv'), 'utf8');
    assert.match(jobs, /^p2,20,100,170,80,150,0$/m);
    assert.match(jobs, /^p6,5,,,,,0$/m);
  });

  it('prints a table by default and honours --limit and --profile', async () => {
    const f = fixtureFiles();
    const io = await runReplay([
      '--nodes',
      f.nodes,
      '--pods',
      f.pods,
      '--limit',
      '2',
      '--profile',
      'fgd',
      '--out',
      f.dir,
    ]);
    assert.match(io.stdout.text, /^METRIC\s+VALUE/);
    assert.match(io.stdout.text, /profile\s+fgd/);
    assert.match(io.stdout.text, /jobs replayed\s+2 \(of 2 pods/);
    assert.match(io.stdout.text, /decisions\/s/);
  });

  it('turns a bad row or a missing file into a usage error', async () => {
    const f = fixtureFiles();
    writeFileSync(f.pods, `${TIMED_PODS_CSV}broken,1,1,1,1\n`);
    await assert.rejects(
      runReplay(['--nodes', f.nodes, '--pods', f.pods, '--out', f.dir]),
      (e: unknown) => e instanceof UsageError && e.message.includes('pods.csv:9'),
    );
    await assert.rejects(
      runReplay(['--nodes', join(f.dir, 'none.csv'), '--pods', f.pods, '--out', f.dir]),
      (e: unknown) => e instanceof UsageError,
    );
  });
});
