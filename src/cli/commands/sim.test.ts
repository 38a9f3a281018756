import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Command } from 'commander';
import { FIXTURE_NODES_CSV, FIXTURE_PODS_CSV } from '../../sim/testing.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { captureIo } from '../testing/capture-io.js';
import { parseSeeds, registerSimCommands } from './sim.js';

async function runSim(args: string[]) {
  const io = captureIo();
  const ctx: CliContext = {
    io,
    client: () => {
      throw new Error('sim needs no server');
    },
    exitCode: 0,
  };
  const program = new Command('junction').exitOverride();
  registerSimCommands(program, ctx);
  await program.parseAsync(['node', 'junction', 'sim', ...args]);
  return io;
}

function fixtureFiles(): { dir: string; nodes: string; pods: string } {
  const dir = mkdtempSync(join(tmpdir(), 'junction-sim-'));
  const nodes = join(dir, 'nodes.csv');
  const pods = join(dir, 'pods.csv');
  writeFileSync(nodes, FIXTURE_NODES_CSV);
  writeFileSync(pods, FIXTURE_PODS_CSV);
  return { dir, nodes, pods };
}

describe('junction sim fgd', () => {
  it('parses seed ranges and lists', () => {
    assert.deepEqual(parseSeeds('42-45'), [42, 43, 44, 45]);
    assert.deepEqual(parseSeeds('1,5-6'), [1, 5, 6]);
    assert.throws(() => parseSeeds('x'));
    assert.throws(() => parseSeeds('5-1'));
  });

  it('prints one JSON object per policy and writes the SVG and CSV', async () => {
    const f = fixtureFiles();
    const out = join(f.dir, 'out');
    const io = await runSim([
      'fgd',
      '--nodes',
      f.nodes,
      '--pods',
      f.pods,
      '--policy',
      'fgd,best-fit',
      '--seeds',
      '1-3',
      '--format',
      'json',
      '--out',
      out,
    ]);
    const lines = io.stdout.text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      lines.map((l) => [l.policy, l.pods, l.seeds]),
      [
        ['fgd', 7, [1, 2, 3]],
        ['best-fit', 7, [1, 2, 3]],
      ],
    );
    assert.ok('100' in lines[0].unallocatedGpuPct && '130' in lines[0].unallocatedGpuPct);
    assert.ok(readFileSync(join(out, 'fgd-curves.svg'), 'utf8').includes('<svg'));
    assert.ok(readFileSync(join(out, 'fgd-curves.csv'), 'utf8').startsWith('arrived_gpu_pct,fgd_median'));
  });

  it('prints a table by default', async () => {
    const f = fixtureFiles();
    const io = await runSim([
      'fgd',
      '--nodes',
      f.nodes,
      '--pods',
      f.pods,
      '--policy',
      'best-fit',
      '--seeds',
      '1',
      '--out',
      join(f.dir, 'o'),
    ]);
    assert.match(io.stdout.text, /^POLICY\s+@100% MEAN/);
    assert.match(io.stdout.text, /best-fit/);
  });

  it('turns a bad row or an unknown policy into a usage error naming it', async () => {
    const f = fixtureFiles();
    writeFileSync(f.pods, `${FIXTURE_PODS_CSV}broken,1,1,1,1\n`);
    await assert.rejects(
      runSim(['fgd', '--nodes', f.nodes, '--pods', f.pods, '--out', join(f.dir, 'o')]),
      (e: unknown) => e instanceof UsageError && e.message.includes('pods.csv:9'),
    );
    const g = fixtureFiles();
    await assert.rejects(
      runSim(['fgd', '--nodes', g.nodes, '--pods', g.pods, '--policy', 'nope', '--out', join(g.dir, 'o')]),
      (e: unknown) => e instanceof UsageError && /unknown policy "nope"/.test(e.message),
    );
  });
});
