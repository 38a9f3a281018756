import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { makeNode } from '../scheduler/testing.js';
import { ClusterState } from './state.js';
import type { NodeInfo, ReplicaPlacement } from './types.js';

function nodesOf(count: number): NodeInfo[] {
  return Array.from({ length: count }, (_, i) =>
    makeNode(`n-${i}`, i % 2 === 0 ? 'nvidia' : 'hygon', i % 2 === 0 ? 'h100' : 'k100', 4, {
      domains: ['site', `site/rack-${i % 3}`],
    }),
  );
}

function sharePlacement(node: string, index: number, memoryMiB: number, compute: number): ReplicaPlacement {
  return {
    replica: 0,
    site: 'site-a',
    node,
    cpuMillis: 1000,
    memoryMiB: 1024,
    vendor: null,
    model: null,
    devices: [{ index, memoryMiB, computePercent: compute, whole: false }],
  };
}

/** Everything observable about a node's free state and its class, by node name. */
function snapshot(cluster: ClusterState): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const n of cluster.nodes()) {
    out[n.info.name] = {
      cpu: n.freeCpuMillis,
      memory: n.freeMemoryMiB,
      whole: n.freeWholeDevices,
      devices: n.devices.map((d) => [d.freeMemoryMiB, d.freeComputePercent, [...d.holders.keys()].sort()]),
      classMembers: cluster.classMembers(cluster.classOf(n.info.name)!),
      jobs: [...cluster.jobsOn(n.info.name)].sort(),
    };
  }
  return out;
}

const opsArb = fc.array(
  fc.record({
    node: fc.integer({ min: 0, max: 5 }),
    index: fc.integer({ min: 0, max: 3 }),
    size: fc.integer({ min: 1, max: 4 }),
  }),
  { maxLength: 30 },
);

describe('cluster state', () => {
  test('classes group nodes in equal free state; classList, classOf and stateClasses agree', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        const cluster = new ClusterState(nodesOf(6));
        ops.forEach((op, i) => {
          const p = sharePlacement(`n-${op.node}`, op.index, op.size * 4096, op.size * 10);
          const device = cluster.node(p.node)!.devices[op.index]!;
          if (device.freeMemoryMiB >= p.devices[0]!.memoryMiB && device.freeComputePercent >= op.size * 10) {
            cluster.allocate(`j-${i}`, [p]);
          }
          if (i % 3 === 2) cluster.release(`j-${i - 1}`);
        });
        const list = cluster.classList();
        assert.equal(list.length, cluster.classCount);
        let members = 0;
        for (const cls of list) {
          members += cls.members.length;
          assert.equal(cluster.classById(cls.id), cls);
          assert.equal(cls.representative.ordinal, cls.members[0]);
          for (const name of cluster.classMembers(cls)) assert.equal(cluster.classOf(name), cls);
        }
        assert.equal(members, cluster.nodeCount);
      }),
      { numRuns: 200 },
    );
  });

  test('one class per free state: two nodes share a class exactly when their signatures are equal', () => {
    // Identical two-device nodes and small shares, so states often coincide and often differ in one number.
    const same = Array.from({ length: 6 }, (_, i) => makeNode(`s-${i}`, 'nvidia', 'h100', 2, { domains: ['site'] }));
    const opArb = fc.record({
      node: fc.integer({ min: 0, max: 5 }),
      index: fc.integer({ min: 0, max: 1 }),
      memoryMiB: fc.constantFrom(0, 8192),
      compute: fc.constantFrom(0, 10, 20),
      cpuMillis: fc.constantFrom(500, 1000),
      hostMemoryMiB: fc.constantFrom(1024, 2048),
      release: fc.integer({ min: -1, max: 20 }),
    });
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 20 }), (ops) => {
        const cluster = new ClusterState(same);
        ops.forEach((op, i) => {
          if (op.release >= 0) cluster.release(`j-${op.release}`);
          const p = sharePlacement(`s-${op.node}`, op.index, op.memoryMiB, op.compute);
          p.cpuMillis = op.cpuMillis;
          p.memoryMiB = op.hostMemoryMiB;
          const device = cluster.node(p.node)!.devices[op.index]!;
          if (device.freeMemoryMiB >= op.memoryMiB && device.freeComputePercent >= op.compute)
            cluster.allocate(`j-${i}`, [p]);
        });
        const nodes = [...cluster.nodes()];
        for (const a of nodes)
          for (const b of nodes) {
            const equal = cluster.stateClass(a.info.name) === cluster.stateClass(b.info.name);
            assert.equal(cluster.classOfNode(a) === cluster.classOfNode(b), equal, `${a.info.name} ${b.info.name}`);
          }
        assert.equal(cluster.classCount, new Set(nodes.map((n) => cluster.stateClass(n.info.name))).size);
      }),
      { numRuns: 500, seed: 5 },
    );
  });

  test('whether a device is held is part of the state, even when the holder uses no memory or compute', () => {
    const cluster = new ClusterState(Array.from({ length: 2 }, (_, i) => makeNode(`z-${i}`, 'nvidia', 'h100', 2)));
    const zero = (node: string, index: number) => sharePlacement(node, index, 0, 0);
    // Both nodes give the same CPU and memory and no device memory or compute; only who holds what differs.
    cluster.allocate('a', [zero('z-0', 0), zero('z-0', 0)]);
    cluster.allocate('b', [zero('z-1', 0), zero('z-1', 1)]);
    assert.notEqual(cluster.classOf('z-0'), cluster.classOf('z-1'));
    assert.equal(cluster.classCount, 2);
  });

  test('transfer hands replicas held under their own keys to one job without changing the free state', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        const cluster = new ClusterState(nodesOf(6));
        const keys: string[] = [];
        const placed: ReplicaPlacement[] = [];
        ops.forEach((op, i) => {
          const p = sharePlacement(`n-${op.node}`, op.index, 4096, 10);
          if (cluster.node(p.node)!.devices[op.index]!.freeComputePercent < 10) return;
          cluster.allocate(`gang\u0000replica-${i}`, [p]);
          keys.push(`gang\u0000replica-${i}`);
          placed.push(p);
        });
        if (keys.length === 0) return;
        const holders = (c: ClusterState) =>
          [...c.nodes()].map((n) => n.devices.map((d) => [d.freeMemoryMiB, d.freeComputePercent, d.holders.size > 0]));
        const before = holders(cluster);
        const classes = cluster.classList().length;
        const logged = cluster.classLog.length;
        cluster.transfer(keys, 'gang');
        assert.deepEqual(holders(cluster), before);
        assert.equal(cluster.classList().length, classes);
        assert.equal(cluster.classLog.length, logged, 'no class changed');
        assert.deepEqual(cluster.allocationOf('gang'), placed);
        for (const key of keys) assert.equal(cluster.allocationOf(key), undefined);
        for (const p of placed) assert.deepEqual([...cluster.jobsOn(p.node)], ['gang']);
        cluster.release('gang');
        assert.deepEqual(snapshot(cluster), snapshot(new ClusterState(nodesOf(6))));
      }),
      { numRuns: 300, seed: 4 },
    );
  });

  test('copyOf equals adding the nodes and allocating their placements again', () => {
    fc.assert(
      fc.property(opsArb, fc.subarray([0, 1, 2, 3, 4, 5], { minLength: 1 }), (ops, picked) => {
        const cluster = new ClusterState(nodesOf(6));
        ops.forEach((op, i) => {
          // Some jobs span two nodes, so a copy may hold only part of a job.
          const a = sharePlacement(`n-${op.node}`, op.index, 4096, 10);
          const b = sharePlacement(`n-${(op.node + 1) % 6}`, op.index, 4096, 10);
          const placements = op.size % 2 === 0 ? [a, b] : [a];
          const fits = placements.every((p) => cluster.node(p.node)!.devices[op.index]!.freeComputePercent >= 10);
          if (fits) cluster.allocate(`j-${i}`, placements);
        });
        const nodes = picked.map((i) => cluster.node(`n-${i}`)!);
        const copy = ClusterState.copyOf(cluster, nodes);
        const again = new ClusterState(nodes.map((n) => n.info));
        for (const jobId of cluster.allocatedJobs()) {
          const here = cluster.allocationOf(jobId)!.filter((p) => again.node(p.node));
          if (here.length > 0) again.allocate(jobId, here);
        }
        assert.deepEqual(snapshot(copy), snapshot(again));
        // The same jobs; copyOf walks only the copied nodes' jobs, so their order may differ.
        assert.deepEqual([...copy.allocatedJobs()].sort(), [...again.allocatedJobs()].sort());
        for (const jobId of again.allocatedJobs())
          assert.deepEqual(copy.allocationOf(jobId), again.allocationOf(jobId));
        assert.equal(copy.freeWhole('nvidia', 'h100'), again.freeWhole('nvidia', 'h100'));
        assert.equal(copy.freeWhole('hygon', 'k100', 'site/rack-1'), again.freeWhole('hygon', 'k100', 'site/rack-1'));
        // And the copy keeps working: releasing a job gives its capacity back.
        for (const jobId of [...again.allocatedJobs()]) {
          copy.release(jobId);
          again.release(jobId);
        }
        assert.deepEqual(snapshot(copy), snapshot(again));
      }),
      { numRuns: 200 },
    );
  });
});
