import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitReplica } from '../cluster/fit.js';
import { ClusterState } from '../cluster/state.js';
import { FIXTURE_NODES_CSV, FIXTURE_PODS_CSV } from './testing.js';
import { parseNodeList, parsePodList } from './trace.js';
import { GPU_MILLI, traceJob, traceNodeInfo, traceRequest } from './trace-cluster.js';

const nodes = parseNodeList(FIXTURE_NODES_CSV, 'nodes.csv');
const pods = parsePodList(FIXTURE_PODS_CSV, 'pods.csv');

describe('trace → cluster model', () => {
  it('gives each node its devices, each worth 1000 milli as memory', () => {
    const info = traceNodeInfo(nodes[1]!);
    assert.equal(info.devices.length, 4);
    assert.ok(info.devices.every((d) => d.model === 'V100M16' && d.memoryMiB === GPU_MILLI));
    assert.equal(traceNodeInfo(nodes[2]!).devices.length, 0);
  });

  it('maps whole, share and CPU-only pods, with gpu_spec as the allowed models', () => {
    assert.deepEqual(traceRequest(pods[2]!).accelerators.kind, 'whole');
    assert.equal(traceRequest(pods[4]!).accelerators.count, 2);
    assert.deepEqual(traceRequest(pods[4]!).accelerators.models, ['V100M16', 'V100M32']);
    assert.deepEqual(traceRequest(pods[0]!).accelerators.share, { memoryMiB: 500, computePercent: 50 });
    assert.equal(traceRequest(pods[3]!).accelerators.kind, 'none');
  });

  it('keeps GPU-milli accounting exact: 500 + 250 + 250 fill a device, 810 does not fit beside 250', () => {
    const cluster = new ClusterState([traceNodeInfo(nodes[0]!)]);
    const node = cluster.node('node-a')!;
    const share = (milli: number) => ({ ...pods[5]!, gpuMilli: milli, gpuSpec: [] });
    const place = (id: string, milli: number, index: number) => {
      const fit = fitReplica(node, traceRequest(share(milli)));
      assert.ok(fit.ok);
      const job = traceJob(share(milli), id, 0);
      cluster.allocate(id, [
        {
          replica: 0,
          site: 'openb',
          node: 'node-a',
          cpuMillis: 0,
          memoryMiB: 0,
          vendor: fit.vendor,
          model: fit.model,
          devices: [{ ...fit.devices[0]!, index }],
        },
      ]);
      return job;
    };
    place('a', 500, 0);
    place('b', 250, 0);
    place('c', 250, 0);
    assert.equal(node.devices[0]!.freeMemoryMiB, 0);
    place('d', 250, 1);
    assert.equal(node.devices[1]!.freeMemoryMiB, 750);
    const fit = fitReplica(node, traceRequest(share(810)));
    assert.equal(fit.ok, false);
  });
});
