import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { SiteInfo } from '../../cluster/types.js';
import { backendContract } from '../contract.js';
import { loseProcessTask } from '../process/testing.js';
import { createLocalBackend } from './local-backend.js';

const site: SiteInfo = { name: 'here', backend: 'local', region: 'local', emulated: false };

backendContract('local', (dataDir) => createLocalBackend({ site, dataDir, pollIntervalMs: 50 }), {
  loseTask: loseProcessTask,
});

/** Runs `body` with a fake nvidia-smi first on PATH. */
async function withFakeNvidiaSmi(script: string, body: () => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(os.tmpdir(), 'junction-fake-smi-'));
  const path = process.env.PATH;
  try {
    await writeFile(join(dir, 'nvidia-smi'), `#!/bin/sh\n${script}\n`);
    await chmod(join(dir, 'nvidia-smi'), 0o755);
    process.env.PATH = `${dir}:${path ?? ''}`;
    await body();
  } finally {
    process.env.PATH = path;
    await rm(dir, { recursive: true, force: true });
  }
}

describe('local backend nodes', () => {
  test('this machine is one node with its CPUs, memory and hostname', async () => {
    const backend = await createLocalBackend({ site, dataDir: '/unused', discover: { runNvidiaSmi: false } });
    const nodes = await backend.nodes();
    assert.equal(nodes.length, 1);
    const [node] = nodes;
    assert.equal(node?.name, `here/${os.hostname()}`);
    assert.equal(node?.site, 'here');
    assert.equal(node?.cpuMillis, os.cpus().length * 1000);
    assert.equal(node?.memoryMiB, Math.floor(os.totalmem() / 1024 / 1024));
    assert.equal(node?.labels['junction.io/hostname'], os.hostname());
    assert.deepEqual(node?.devices, []);
    await backend.close();
  });

  test('nodeName overrides the name', async () => {
    const backend = await createLocalBackend({
      site,
      dataDir: '/unused',
      nodeName: 'box',
      discover: { runNvidiaSmi: false },
    });
    assert.equal((await backend.nodes())[0]?.name, 'box');
    await backend.close();
  });

  test('devices come from nvidia-smi when it is on PATH', () =>
    withFakeNvidiaSmi(
      "echo '0, GPU-11111111-2222-3333-4444-555555555555, NVIDIA H100 80GB HBM3, 81559, 0'\n" +
        "echo '1, GPU-11111111-2222-3333-4444-666666666666, NVIDIA H100 80GB HBM3, 81559, 0'",
      async () => {
        const backend = await createLocalBackend({ site, dataDir: '/unused' });
        const devices = (await backend.nodes())[0]?.devices ?? [];
        assert.deepEqual(
          devices.map((d) => [d.index, d.vendor, d.model, d.memoryMiB, d.healthy]),
          [
            [0, 'nvidia', 'nvidia-h100-sxm', 81559, true],
            [1, 'nvidia', 'nvidia-h100-sxm', 81559, true],
          ],
        );
        await backend.close();
      },
    ));

  test('a failing nvidia-smi gives a CPU-only node and is reported, never thrown', () =>
    withFakeNvidiaSmi("echo 'NVIDIA-SMI has failed' >&2; exit 9", async () => {
      const errors: Error[] = [];
      const backend = await createLocalBackend({
        site,
        dataDir: '/unused',
        discover: { onError: (error) => errors.push(error) },
      });
      assert.deepEqual((await backend.nodes())[0]?.devices, []);
      assert.match(errors[0]?.message ?? '', /nvidia-smi failed/);
      await backend.close();
    }));

  test('a CPU-only task on a GPU node sees no GPU; a GPU task sees only its own', () =>
    withFakeNvidiaSmi(
      "echo '0, GPU-1, NVIDIA H100 80GB HBM3, 81559, 0'\necho '1, GPU-2, NVIDIA H100 80GB HBM3, 81559, 0'",
      async () => {
        const dataDir = await mkdtemp(join(os.tmpdir(), 'junction-local-'));
        const backend = await createLocalBackend({ site, dataDir, pollIntervalMs: 50 });
        try {
          const [node] = await backend.nodes();
          assert.ok(node);
          const ended = new Map<string, string>();
          const done = new Promise<void>((resolve) => {
            backend.watch((s) => {
              if (s.state !== 'running') ended.set(s.taskId, s.state);
              if (ended.size === 2) resolve();
            });
          });
          const base = {
            jobId: 'j',
            replica: 0,
            replicas: 1,
            attempt: 1,
            site: 'here',
            node: node.name,
            command: [process.execPath, '-e', 'console.log(JSON.stringify(process.env.CUDA_VISIBLE_DEVICES))'],
            env: { CUDA_VISIBLE_DEVICES: '0,1' },
            cpuMillis: 100,
            memoryMiB: 64,
            gracePeriodSeconds: 1,
          };
          await backend.submit({ ...base, taskId: 'cpu', vendor: null, model: null, devices: [] });
          const gpu = [{ index: 1, memoryMiB: 81559, computePercent: 100, whole: true }];
          await backend.submit({ ...base, taskId: 'gpu', vendor: 'nvidia', model: 'nvidia-h100-sxm', devices: gpu });
          await done;
          assert.deepEqual([...ended.values()], ['succeeded', 'succeeded']);
          const read = async (taskId: string) => {
            let text = '';
            for await (const chunk of backend.logs(taskId)) text += chunk;
            return text.trim();
          };
          assert.equal(await read('cpu'), '""');
          assert.equal(await read('gpu'), '"1"');
        } finally {
          await backend.close();
          await rm(dataDir, { recursive: true, force: true });
        }
      },
    ));
});
