import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { makeNode } from '../scheduler/testing.js';
import { ClusterState } from './state.js';
import type { NodeInfo, ReplicaPlacement } from './types.js';

const KINDS = [
  ['nvidia', 'h100'],
  ['hygon', 'k100'],
  ['nvidia', 'a100'],
] as const;
const DOMAINS = ['site', 'site/sn-0', 'site/sn-1', 'site/sn-0/rack-0', 'site/sn-0/rack-1', 'site/sn-1/rack-2'];

/** Nodes of three kinds in racks of two supernodes; node i is in rack i % 3. */
function nodesOf(count: number): NodeInfo[] {
  return Array.from({ length: count }, (_, i) => {
    const [vendor, model] = KINDS[i % KINDS.length]!;
    const rack = DOMAINS[3 + (i % 3)]!;
    return makeNode(`n-${i}`, vendor, model, 4, { domains: ['site', rack.split('/').slice(0, 2).join('/'), rack] });
  });
}

/** The free whole devices counted from the nodes themselves. */
function recount(cluster: ClusterState, match: (info: NodeInfo, vendor: string, model: string) => boolean): number {
  let n = 0;
  for (const node of cluster.nodes())
    for (const d of node.devices) if (d.holders.size === 0 && match(node.info, d.info.vendor, d.info.model)) n++;
  return n;
}

const opsArb = fc.array(
  fc.record({
    node: fc.integer({ min: 0, max: 8 }),
    index: fc.integer({ min: 0, max: 3 }),
    whole: fc.boolean(),
    release: fc.integer({ min: -1, max: 40 }),
  }),
  { maxLength: 40 },
);

describe('free whole devices per kind, domain and vendor', () => {
  test('every count equals a recount of the nodes, through allocations, releases and node changes', () => {
    fc.assert(
      fc.property(opsArb, fc.boolean(), (ops, replaceNode) => {
        const cluster = new ClusterState(nodesOf(9));
        ops.forEach((op, i) => {
          if (op.release >= 0) cluster.release(`j-${op.release}`);
          const device = cluster.node(`n-${op.node}`)!.devices[op.index]!;
          const placement: ReplicaPlacement = {
            replica: 0,
            site: 'site-a',
            node: `n-${op.node}`,
            cpuMillis: 100,
            memoryMiB: 100,
            vendor: null,
            model: null,
            devices: [
              {
                index: op.index,
                memoryMiB: op.whole ? 65536 : 1024,
                computePercent: op.whole ? 100 : 5,
                whole: op.whole,
              },
            ],
          };
          const fits = op.whole
            ? device.holders.size === 0
            : device.freeComputePercent >= 5 && device.freeMemoryMiB >= 1024;
          if (fits) cluster.allocate(`j-${i}`, [placement]);
        });
        // A node that leaves and comes back in another rack takes its counts with it.
        if (replaceNode)
          cluster.addNode(makeNode('n-4', 'hygon', 'k100', 2, { domains: ['site', 'site/sn-1', 'site/sn-1/rack-2'] }));
        for (const [vendor, model] of KINDS) {
          assert.equal(
            cluster.freeWhole(vendor, model),
            recount(cluster, (_, v, m) => v === vendor && m === model),
          );
          for (const domain of DOMAINS) {
            const inDomain = (info: NodeInfo) => info.domains.includes(domain);
            assert.equal(
              cluster.freeWhole(vendor, model, domain),
              recount(cluster, (info, v, m) => inDomain(info) && v === vendor && m === model),
            );
          }
        }
        for (const domain of DOMAINS) {
          const inDomain = (info: NodeInfo) => info.domains.includes(domain);
          assert.equal(cluster.freeWholeInDomain(domain, []), recount(cluster, inDomain));
          assert.equal(
            cluster.freeWholeInDomain(domain, ['hygon']),
            recount(cluster, (i, v) => inDomain(i) && v === 'hygon'),
          );
          // A vendor named twice counts once; an unknown vendor counts nothing.
          assert.equal(
            cluster.freeWholeInDomain(domain, ['nvidia', 'amd', 'nvidia']),
            recount(cluster, (i, v) => inDomain(i) && v === 'nvidia'),
          );
        }
        assert.equal(cluster.freeWholeInDomain('nowhere', []), undefined);
        assert.equal(cluster.freeWhole('amd', 'mi300x'), 0);
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
