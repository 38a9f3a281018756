import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, compileConfig } from './config.js';

function issuesOf(doc: unknown): string[] {
  try {
    compileConfig(doc, {});
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  return [];
}

describe('server config', () => {
  test('no config file gives the local site plus the emulated demo federation', () => {
    const config = compileConfig(undefined, {});
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, 8420);
    assert.equal(config.dataDir, '.junction');
    assert.deepEqual(
      config.sites.map((s) => [s.name, s.backend]),
      [
        ['local', 'local'],
        ['east-dcu', 'emulated'],
        ['south-ascend', 'emulated'],
        ['north-gpu', 'emulated'],
      ],
    );
    const dcu = config.sites.find((s) => s.name === 'east-dcu')!;
    assert.equal(dcu.nodes!.length, 4);
    assert.ok(dcu.nodes!.every((n) => n.devices.length === 8 && n.devices[0]!.vendor === 'hygon'));
    assert.deepEqual(dcu.nodes![3]!.domains, ['east-dcu', 'east-dcu/supernode-1']);
  });

  test('flags and environment override the file', () => {
    const config = compileConfig({ port: 9000, host: '0.0.0.0', data: '/srv/j' }, { port: 9100, dataDir: '/tmp/x' });
    assert.equal(config.port, 9100);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.dataDir, '/tmp/x');
  });

  test('emulated node groups expand into nodes with nested domains', () => {
    const config = compileConfig(
      {
        demo: false,
        sites: [
          {
            name: 'lab',
            backend: 'emulated',
            nodes: [
              {
                name: 'npu',
                count: 3,
                domain: 'sn-{i}',
                nodesPerDomain: 2,
                devices: { vendor: 'ascend', model: '910B3', count: 8 },
              },
            ],
          },
        ],
      },
      {},
    );
    assert.deepEqual(
      config.sites.map((s) => s.name),
      ['lab'],
    );
    const nodes = config.sites[0]!.nodes!;
    assert.deepEqual(
      nodes.map((n) => [n.name, n.domains[1]]),
      [
        ['lab/npu-0', 'lab/sn-0'],
        ['lab/npu-1', 'lab/sn-0'],
        ['lab/npu-2', 'lab/sn-1'],
      ],
    );
    assert.equal(nodes[0]!.devices[0]!.model, 'huawei-ascend-910b3');
    assert.equal(nodes[0]!.devices[0]!.memoryMiB, 65536);
  });

  test('every problem names its field', () => {
    assert.deepEqual(issuesOf({ port: 'eighty' }), ['port: Invalid input: expected number, received string']);
    assert.match(issuesOf({ sites: [{ name: 'Bad Name', backend: 'local' }] })[0]!, /^sites\.0\.name: /);
    assert.match(issuesOf({ sites: [{ name: 'x', backend: 'mesos' }] })[0]!, /^sites\.0\.backend: /);
    assert.deepEqual(
      issuesOf({
        sites: [
          {
            name: 'x',
            backend: 'emulated',
            nodes: [{ name: 'n', memory: 'lots', devices: { vendor: 'nvidai', model: 'H100', count: 1 } }],
          },
        ],
      }).map((i) => i.split(':')[0]),
      ['sites[0].nodes[0].memory', 'sites[0].nodes[0].devices.vendor'],
    );
    assert.match(issuesOf({ sites: [{ name: 'x', backend: 'emulated' }] })[0]!, /needs at least one node group/);
    assert.match(
      issuesOf({
        sites: [
          { name: 'a', backend: 'local' },
          { name: 'a', backend: 'local' },
        ],
      })[0]!,
      /duplicate site name "a"/,
    );
    assert.match(issuesOf({ sitez: [] })[0]!, /sitez/);
  });

  test('slurm and kubernetes sites carry their own settings, and only theirs', () => {
    const config = compileConfig(
      {
        demo: false,
        sites: [
          { name: 'hpc', backend: 'slurm', slurm: { partition: 'gpu', slurmConf: '/etc/slurm/slurm.conf' } },
          { name: 'cloud', backend: 'kubernetes', kubernetes: { namespace: 'ai', gang: 'volcano' } },
          { name: 'k8s-default', backend: 'kubernetes' },
        ],
      },
      {},
    );
    assert.deepEqual(config.sites[0]!.slurm, { partition: 'gpu', slurmConf: '/etc/slurm/slurm.conf' });
    assert.deepEqual(config.sites[1]!.kubernetes, { namespace: 'ai', gang: 'volcano' });
    assert.deepEqual(config.sites[2]!.kubernetes, { namespace: 'default' });
    assert.match(
      issuesOf({ sites: [{ name: 'x', backend: 'local', slurm: { partition: 'p' } }] })[0]!,
      /sites\[0\]\.slurm: only a site with backend slurm/,
    );
    assert.match(
      issuesOf({ sites: [{ name: 'x', backend: 'kubernetes', kubernetes: { gang: 'mpi' } }] })[0]!,
      /^sites\.0\.kubernetes\.gang: /,
    );
  });

  test('a profile by name and queues with quotas in vendor or model terms', () => {
    const config = compileConfig(
      {
        scheduler: { profile: 'fair' },
        queues: [
          {
            name: 'research',
            tenant: 'lab',
            weight: 2,
            quota: { devices: { ascend: 8, H100: 4 }, cpu: 64, memory: '512Gi' },
          },
          { name: 'batch', limit: { devices: { nvidia: 16 } } },
        ],
      },
      {},
    );
    assert.equal(config.profile.name, 'fair');
    assert.deepEqual(config.queues[0], {
      name: 'research',
      tenant: 'lab',
      weight: 2,
      quota: { devices: { huawei: 8, 'nvidia-h100-sxm': 4 }, cpuMillis: 64000, memoryMiB: 524288 },
    });
    assert.deepEqual(config.queues[1], {
      name: 'batch',
      tenant: 'default',
      weight: 1,
      quota: {},
      limit: { devices: { nvidia: 16 } },
    });
    assert.equal(compileConfig({}, {}).queues[0]!.name, 'default');
    assert.match(
      issuesOf({ queues: [{ name: 'q', quota: { devices: { nvidai: 2 } } }] })[0]!,
      /queues\[0\]\.quota\.devices\.nvidai: not a vendor/,
    );
    assert.match(issuesOf({ scheduler: { profile: 'fastest' } })[0]!, /^scheduler\.profile: /);
  });
});
