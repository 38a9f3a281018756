import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ClusterState } from '../cluster/state.js';
import type { NodeInfo, ReplicaPlacement } from '../cluster/types.js';
import { devicePartitions, partitionChanges, partitionOf } from './device-partitions.js';
import { makeNode } from './testing.js';

/** Three single-vendor nodes per vendor and two mixed ones: four partitions. */
function nodes(): NodeInfo[] {
  const out = [0, 1, 2].flatMap((i) => [
    makeNode(`nv-${i}`, 'nvidia', 'h100', 2),
    makeNode(`hy-${i}`, 'hygon', 'k100', 2),
    makeNode(`as-${i}`, 'ascend', '910b', 2),
  ]);
  for (const name of ['mix-0', 'mix-1']) {
    const node = makeNode(name, 'nvidia', 'h100', 1);
    node.devices.push({ ...makeNode('x', 'hygon', 'k100', 1).devices[0]!, index: 1 });
    out.push(node);
  }
  return out;
}

const NAMES = nodes().map((n) => n.name);

function share(node: string, index: number, compute: number): ReplicaPlacement {
  return {
    replica: 0,
    site: 'site-a',
    node,
    cpuMillis: 100,
    memoryMiB: 100,
    vendor: null,
    model: null,
    devices: [{ index, memoryMiB: 1024, computePercent: compute, whole: false }],
  };
}

const opArb = fc.record({
  node: fc.integer({ min: 0, max: NAMES.length - 1 }),
  index: fc.integer({ min: 0, max: 1 }),
  compute: fc.constantFrom(10, 20, 30),
  /** A job on two nodes, so one allocate or release changes several classes without a read between. */
  second: fc.option(fc.integer({ min: 0, max: NAMES.length - 1 }), { freq: 2 }),
  release: fc.integer({ min: -1, max: 30 }),
  read: fc.boolean(),
});

describe('device partitions', () => {
  test("each partition's change log holds exactly the changes of its own classes, whenever it is read", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), (ops) => {
        const cluster = new ClusterState(nodes());
        const partitions = devicePartitions(cluster).map((p) => p.id);
        assert.equal(partitions.length, 4);
        const check = () => {
          const logs = partitions.map((p) => partitionChanges(cluster, p).log);
          // Every change of the cluster is in the log of the partition of the node it was made for.
          const expected = partitions.map(() => [] as number[]);
          for (const id of cluster.classLog) expected[partitionOf(cluster, cluster.classNodeInfo(id)!)]!.push(id);
          assert.deepEqual(logs, expected);
        };
        ops.forEach((op, i) => {
          if (op.release >= 0) cluster.release(`j-${op.release}`);
          const placements = [share(NAMES[op.node]!, op.index, op.compute)];
          if (op.second !== null && op.second !== op.node)
            placements.push(share(NAMES[op.second]!, op.index, op.compute));
          const fits = placements.every(
            (p) => cluster.node(p.node)!.devices[op.index]!.freeComputePercent >= op.compute,
          );
          if (fits) cluster.allocate(`j-${i}`, placements);
          // Read only sometimes: classes made and emptied between two reads are sorted too.
          if (op.read) check();
        });
        check();
      }),
      { numRuns: 300, seed: 8 },
    );
  });
});
