import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ClusterState } from '../cluster/state.js';
import { runCycle } from './cycle.js';
import type { CompatOracle } from './framework.js';
import { compileProfile, DEFAULT_PROFILE, PROFILES, ProfileError } from './profile.js';
import { makeJob, makeNode } from './testing.js';

const profile = compileProfile(DEFAULT_PROFILE);

describe('scheduling cycle', () => {
  test('places whole devices on the requested vendor only', () => {
    const cluster = new ClusterState([
      makeNode('nv-0', 'nvidia', 'nvidia-h100-sxm', 8),
      makeNode('hy-0', 'hygon', 'hygon-dcu-k100_ai', 8),
    ]);
    const result = runCycle(profile, cluster, [makeJob('j1', { count: 2, vendors: ['hygon'] })], 0);
    assert.equal(result.bound.length, 1);
    const [p] = result.bound[0]!.placements;
    assert.equal(p!.node, 'hy-0');
    assert.equal(p!.vendor, 'hygon');
    assert.deepEqual(
      p!.devices.map((d) => d.index),
      [0, 1],
    );
    assert.equal(cluster.freeWhole('hygon', 'hygon-dcu-k100_ai'), 6);
  });

  test('explains a wait in the words of the request', () => {
    const nodes = [0, 1, 2].map((i) => makeNode(`hy-${i}`, 'hygon', 'hygon-dcu-k100_ai', 2));
    const cluster = new ClusterState([...nodes, makeNode('nv-0', 'nvidia', 'nvidia-h100-sxm', 8)]);
    for (const n of nodes) cluster.allocate(`fill-${n.name}`, [placementOf(n.name, 0)]);
    const result = runCycle(profile, cluster, [makeJob('j', { count: 2, vendors: ['hygon'] })], 0);
    assert.equal(result.bound.length, 0);
    assert.equal(result.waiting[0]!.summary, 'no node with 2 free devices of vendor hygon: 3 nodes have 1');
    assert.equal(result.waiting[0]!.status.code, 'unschedulable');
  });

  test('says so when no node has the vendor at all', () => {
    const cluster = new ClusterState([makeNode('nv-0', 'nvidia', 'nvidia-h100-sxm', 8)]);
    const result = runCycle(profile, cluster, [makeJob('j', { vendors: ['cambricon'] })], 0);
    assert.match(result.waiting[0]!.summary, /no node has devices of vendor cambricon/);
  });

  test('packs fractional shares onto one device before opening another', () => {
    const cluster = new ClusterState([makeNode('nv-0', 'nvidia', 'nvidia-h100-sxm', 2, { memoryMiB: 81920 })]);
    const share = { kind: 'share' as const, count: 1, share: { memoryMiB: 20480, computePercent: 25 } };
    const jobs = ['a', 'b', 'c'].map((id, i) => makeJob(id, share, { submittedAt: i }));
    const result = runCycle(profile, cluster, jobs, 0);
    assert.equal(result.bound.length, 3);
    const devices = result.bound.map((b) => b.placements[0]!.devices[0]!);
    assert.deepEqual(new Set(devices.map((d) => d.index)).size, 1);
    assert.ok(devices.every((d) => !d.whole && d.memoryMiB === 20480 && d.computePercent === 25));
    assert.equal(cluster.node('nv-0')!.freeWholeDevices, 1);
  });

  test('a share never exceeds the device: the fifth 25% slice goes to the next device', () => {
    const cluster = new ClusterState([makeNode('nv-0', 'nvidia', 'nvidia-h100-sxm', 2, { memoryMiB: 81920 })]);
    const share = { kind: 'share' as const, count: 1, share: { memoryMiB: 8192, computePercent: 25 } };
    const jobs = [0, 1, 2, 3, 4].map((i) => makeJob(`s${i}`, share, { submittedAt: i }));
    const result = runCycle(profile, cluster, jobs, 0);
    const indexes = result.bound.map((b) => b.placements[0]!.devices[0]!.index);
    assert.deepEqual(indexes, [0, 0, 0, 0, 1]);
  });

  test('a gang starts all replicas or none', () => {
    const cluster = new ClusterState([
      makeNode('a', 'nvidia', 'nvidia-h100-sxm', 4),
      makeNode('b', 'nvidia', 'nvidia-h100-sxm', 4),
    ]);
    cluster.allocate('other', [placementOf('b', 0)]);
    const result = runCycle(profile, cluster, [makeJob('gang', { count: 4 }, { replicas: 2 })], 0);
    assert.equal(result.bound.length, 0);
    assert.equal(
      result.waiting[0]!.summary,
      'gang of 2 replicas (all or none): only 1 fit at once; 1 of 2 candidate nodes can take one replica',
    );
    assert.equal(cluster.node('a')!.freeWholeDevices, 4, 'tentative allocation was undone');
    cluster.release('other');
    const again = runCycle(profile, cluster, [makeJob('gang', { count: 4 }, { replicas: 2 })], 0);
    assert.equal(again.bound[0]!.placements.length, 2);
    assert.equal(cluster.freeWhole('nvidia', 'nvidia-h100-sxm'), 0);
  });

  test('same-domain places the gang inside one supernode', () => {
    const cluster = new ClusterState([
      makeNode('s0-a', 'huawei', 'huawei-ascend-910b3', 8, { domains: ['c', 'c/sn0'] }),
      makeNode('s1-a', 'huawei', 'huawei-ascend-910b3', 8, { domains: ['c', 'c/sn1'] }),
      makeNode('s1-b', 'huawei', 'huawei-ascend-910b3', 8, { domains: ['c', 'c/sn1'] }),
    ]);
    const job = makeJob('g', { count: 8, topology: 'same-domain' }, { replicas: 2 });
    const result = runCycle(profile, cluster, [job], 0);
    assert.deepEqual(result.bound[0]!.placements.map((p) => p.node).sort(), ['s1-a', 's1-b']);
    assert.match(result.bound[0]!.details[0]!, /c\/sn1/);
  });

  test('same-node keeps every replica on one node', () => {
    const cluster = new ClusterState([
      makeNode('a', 'amd', 'amd-instinct-mi300x', 2),
      makeNode('b', 'amd', 'amd-instinct-mi300x', 8),
    ]);
    const result = runCycle(profile, cluster, [makeJob('g', { count: 2, topology: 'same-node' }, { replicas: 3 })], 0);
    assert.deepEqual(new Set(result.bound[0]!.placements.map((p) => p.node)), new Set(['b']));
  });

  test('follows the ordered vendor preference', () => {
    const cluster = new ClusterState([
      makeNode('nv', 'nvidia', 'nvidia-h100-sxm', 8),
      makeNode('hy', 'hygon', 'hygon-dcu-k100_ai', 8),
    ]);
    const result = runCycle(profile, cluster, [makeJob('p', { vendors: ['hygon', 'nvidia'] })], 0);
    assert.equal(result.bound[0]!.placements[0]!.vendor, 'hygon');
    const second = runCycle(profile, cluster, [makeJob('q', { vendors: ['nvidia', 'hygon'] })], 0);
    assert.equal(second.bound[0]!.placements[0]!.vendor, 'nvidia');
  });

  test('higher priority goes first when capacity is short', () => {
    const cluster = new ClusterState([makeNode('n', 'nvidia', 'nvidia-h100-sxm', 1)]);
    const low = makeJob('low', {}, { priority: 'low', submittedAt: 0 });
    const high = makeJob('high', {}, { priority: 'high', submittedAt: 5 });
    const result = runCycle(profile, cluster, [low, high], 0);
    assert.deepEqual(
      result.bound.map((b) => b.jobId),
      ['high'],
    );
    assert.deepEqual(
      result.waiting.map((w) => w.jobId),
      ['low'],
    );
  });

  test('respects minMemory and site restrictions', () => {
    const cluster = new ClusterState([
      makeNode('small', 'nvidia', 'nvidia-geforce-rtx-4090', 8, { memoryMiB: 24576, site: 'x' }),
      makeNode('big', 'nvidia', 'nvidia-h200', 8, { memoryMiB: 144384, site: 'y' }),
    ]);
    const result = runCycle(profile, cluster, [makeJob('m', { minMemoryMiB: 65536 })], 0);
    assert.equal(result.bound[0]!.placements[0]!.node, 'big');
    const pinned = runCycle(profile, cluster, [makeJob('s', { minMemoryMiB: 65536 }, { sites: ['x'] })], 0);
    assert.equal(pinned.bound.length, 0);
    assert.equal(pinned.waiting[0]!.summary, '1 node has devices with too little memory; 1 node is in other sites');
  });

  test('placement.nodes pins a job to the named nodes', () => {
    const cluster = new ClusterState([
      makeNode('a', 'nvidia', 'nvidia-h100-sxm', 8),
      makeNode('b', 'nvidia', 'nvidia-h100-sxm', 8),
    ]);
    const result = runCycle(profile, cluster, [makeJob('p', {}, { nodes: ['b'] })], 0);
    assert.equal(result.bound[0]!.placements[0]!.node, 'b');
    const none = runCycle(profile, cluster, [makeJob('q', {}, { nodes: ['c'] })], 0);
    assert.equal(none.waiting[0]!.summary, '2 nodes are not among the requested nodes');
  });

  test('jobs that differ only in what the adaptation center judges are not lumped together', () => {
    const oracle: CompatOracle = {
      options: (spec) => ({
        allowed: new Map(
          spec.workload.compat === 'permissive'
            ? [
                [
                  'hygon-dcu-k100_ai',
                  {
                    status: 'unknown',
                    throughput: 1,
                    estimated: true,
                    stack: 'DTK',
                    stackVersion: '*',
                    evidence: 'none',
                  },
                ],
              ]
            : [],
        ),
        refused: new Map(
          spec.workload.compat === 'permissive' ? [] : [['hygon-dcu-k100_ai', 'no verdict (compat: strict)']],
        ),
      }),
    };
    const withCompat = compileProfile(DEFAULT_PROFILE, { compat: oracle });
    const cluster = new ClusterState([makeNode('hy', 'hygon', 'hygon-dcu-k100_ai', 8)]);
    const strict = makeJob('strict', {}, { submittedAt: 0 });
    const base = makeJob('permissive', {}, { submittedAt: 1 });
    const permissive = {
      ...base,
      spec: { ...base.spec, workload: { ...base.spec.workload, compat: 'permissive' as const } },
    };
    const result = runCycle(withCompat, cluster, [strict, permissive], 0);
    assert.deepEqual(
      result.bound.map((b) => b.jobId),
      ['permissive'],
    );
    assert.match(result.waiting[0]!.summary, /refused by the adaptation center: hygon-dcu-k100_ai: no verdict/);
  });

  test('CPU-only work avoids accelerator nodes', () => {
    const cpuNode = { ...makeNode('cpu', 'nvidia', 'x', 0), devices: [] };
    const cluster = new ClusterState([makeNode('gpu', 'nvidia', 'nvidia-h100-sxm', 8), cpuNode]);
    const result = runCycle(profile, cluster, [makeJob('c', { kind: 'none', count: 0 })], 0);
    assert.equal(result.bound[0]!.placements[0]!.node, 'cpu');
  });

  test('every named profile compiles and places whole devices and shares', () => {
    for (const [name, config] of Object.entries(PROFILES)) {
      const compiled = compileProfile(config, {
        queues: [{ name: 'default', tenant: 'default', weight: 1, quota: {} }],
      });
      const cluster = new ClusterState([
        makeNode('a', 'nvidia', 'nvidia-h100-sxm', 8),
        makeNode('b', 'hygon', 'hygon-dcu-k100_ai', 8),
      ]);
      const share = { kind: 'share' as const, count: 1, share: { memoryMiB: 8192, computePercent: 20 } };
      const result = runCycle(
        compiled,
        cluster,
        [makeJob('w', { count: 2 }), makeJob('s', share, { submittedAt: 1 })],
        0,
      );
      assert.equal(result.bound.length, 2, `profile ${name}: ${JSON.stringify(result.waiting)}`);
    }
  });

  test('an unknown plugin in a profile is a clear configuration error', () => {
    assert.throws(
      () => compileProfile({ ...DEFAULT_PROFILE, score: [{ name: 'bin-pack', weight: 1 }] }),
      (e: unknown) => e instanceof ProfileError && /unknown plugin "bin-pack"; known: binpack/.test(e.message),
    );
  });
});

function placementOf(node: string, index: number) {
  return {
    replica: 0,
    site: 'site-a',
    node,
    cpuMillis: 0,
    memoryMiB: 0,
    vendor: 'hygon',
    model: 'x',
    devices: [{ index, memoryMiB: 1, computePercent: 100, whole: true }],
  };
}
