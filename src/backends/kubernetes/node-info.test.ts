import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { V1Node } from '@kubernetes/client-node';
import { MODEL_LABEL, modelFromProduct, nodeInfo } from './node-info.js';

function node(
  allocatable: Record<string, string>,
  labels: Record<string, string> = {},
  annotations: Record<string, string> = {},
  extra: { ready?: boolean; unschedulable?: boolean } = {},
): V1Node {
  return {
    metadata: { name: 'worker-1', labels, annotations },
    spec: { unschedulable: extra.unschedulable },
    status: {
      allocatable: { cpu: '63500m', memory: '527234560Ki', pods: '110', ...allocatable },
      conditions: [{ type: 'Ready', status: extra.ready === false ? 'False' : 'True' }],
    },
  };
}

describe('nodeInfo', () => {
  test('CPU, memory, name and readiness', () => {
    const info = nodeInfo(node({}), 'east');
    assert.equal(info.name, 'east/worker-1');
    assert.equal(info.site, 'east');
    assert.deepEqual(info.domains, ['east']);
    assert.equal(info.cpuMillis, 63500);
    assert.equal(info.memoryMiB, 514878, 'Kubernetes quantities are read as Junction reads any: rounded up to MiB');
    assert.deepEqual(info.devices, []);
    assert.equal(info.schedulable, true);
    assert.equal(nodeInfo(node({}, {}, {}, { ready: false }), 'east').schedulable, false);
    assert.equal(nodeInfo(node({}, {}, {}, { unschedulable: true }), 'east').schedulable, false);
  });

  test('NVIDIA devices from the device plugin count and GPU feature discovery labels', () => {
    const info = nodeInfo(
      node(
        { 'nvidia.com/gpu': '8' },
        { 'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3', 'nvidia.com/gpu.memory': '81559' },
      ),
      'east',
    );
    assert.equal(info.devices.length, 8);
    assert.deepEqual(info.devices[7], {
      index: 7,
      vendor: 'nvidia',
      model: 'nvidia-h100-sxm',
      memoryMiB: 81559,
      healthy: true,
    });
  });

  test("an operator's model label wins, and memory then comes from the catalog", () => {
    const info = nodeInfo(node({ 'hygon.com/dcu': '4' }, { [MODEL_LABEL]: 'K100_AI' }), 'east');
    assert.equal(info.devices.length, 4);
    assert.equal(info.devices[0]?.vendor, 'hygon');
    assert.equal(info.devices[0]?.model, 'hygon-dcu-k100_ai');
    assert.ok((info.devices[0]?.memoryMiB ?? 0) > 0);
  });

  test('a vendor resource named per chip gives the model (HAMi Ascend names)', () => {
    const info = nodeInfo(node({ 'huawei.com/Ascend910B3': '8' }), 'east');
    assert.equal(info.devices.length, 8);
    assert.equal(info.devices[0]?.model, 'huawei-ascend-910b3');
  });

  test('HAMi registration annotations, in the older text form and the JSON form', () => {
    const text = nodeInfo(
      node(
        { 'nvidia.com/gpu': '20' },
        {},
        {
          'hami.io/node-nvidia-register':
            'GPU-0055,10,32768,100,NVIDIA-Tesla V100-PCIE-32GB,0,true:GPU-0fc3,10,32768,100,NVIDIA-Tesla V100-PCIE-32GB,0,false:',
        },
      ),
      'east',
    );
    assert.deepEqual(text.devices, [
      { index: 0, vendor: 'nvidia', model: 'nvidia-tesla-v100', memoryMiB: 32768, uuid: 'GPU-0055', healthy: true },
      { index: 1, vendor: 'nvidia', model: 'nvidia-tesla-v100', memoryMiB: 32768, uuid: 'GPU-0fc3', healthy: false },
    ]);
    const json = nodeInfo(
      node(
        {},
        {},
        {
          'hami.io/node-nvidia-register': JSON.stringify([
            {
              id: 'GPU-a',
              index: 0,
              count: 10,
              devmem: 143771,
              devcore: 100,
              type: 'NVIDIA-NVIDIA H200',
              health: true,
            },
          ]),
        },
      ),
      'east',
    );
    assert.deepEqual(json.devices, [
      { index: 0, vendor: 'nvidia', model: 'nvidia-h200', memoryMiB: 143771, uuid: 'GPU-a', healthy: true },
    ]);
  });

  test('product strings: the longest matching name wins', () => {
    assert.equal(modelFromProduct('nvidia', 'NVIDIA-H200'), 'nvidia-h200');
    assert.equal(modelFromProduct('nvidia', 'NVIDIA-H20'), 'nvidia-h20');
    assert.equal(modelFromProduct('amd', 'AMD_Instinct_MI300X_OAM'), 'amd-instinct-mi300x');
    assert.equal(modelFromProduct('nvidia', 'Something Else'), undefined);
  });

  test('devices of an unknown model are reported as such', () => {
    assert.equal(nodeInfo(node({ 'nvidia.com/gpu': '1' }), 'east').devices[0]?.model, 'unknown');
  });
});
