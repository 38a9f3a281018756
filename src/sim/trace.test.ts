import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FIXTURE_NODES_CSV, FIXTURE_PODS_CSV } from './testing.js';
import { parseNodeList, parsePodList, TraceFormatError } from './trace.js';

describe('trace parsers', () => {
  it('reads the node list, CPU-only nodes included', () => {
    const nodes = parseNodeList(FIXTURE_NODES_CSV, 'nodes.csv');
    assert.equal(nodes.length, 3);
    assert.deepEqual(nodes[1], { name: 'node-b', cpuMillis: 64000, memoryMiB: 262144, gpus: 4, model: 'V100M16' });
    assert.deepEqual(nodes[2], { name: 'node-c', cpuMillis: 16000, memoryMiB: 65536, gpus: 0, model: '' });
  });

  it('reads the pod list with gpu_spec and empty times', () => {
    const pods = parsePodList(FIXTURE_PODS_CSV, 'pods.csv');
    assert.equal(pods.length, 7);
    assert.deepEqual(pods[4]!.gpuSpec, ['V100M16', 'V100M32']);
    assert.equal(pods[5]!.deletionTime, null);
    assert.equal(pods[3]!.scheduledTime, null);
    assert.equal(pods[0]!.gpuMilli, 500);
  });

  it('finds columns by header name, in any order', () => {
    const nodes = parseNodeList('model,gpu,sn,memory_mib,cpu_milli\nT4,2,n1,1024,8000\n', 'x.csv');
    assert.deepEqual(nodes[0], { name: 'n1', cpuMillis: 8000, memoryMiB: 1024, gpus: 2, model: 'T4' });
  });

  const bad: { name: string; text: string; parse: 'nodes' | 'pods'; where: string; says: RegExp }[] = [
    {
      name: 'a non-integer CPU',
      parse: 'nodes',
      text: 'sn,cpu_milli,memory_mib,gpu,model\nn1,8000,1024,2,T4\nn2,eight,1024,2,T4\n',
      where: 'bad.csv:3:2',
      says: /cpu_milli must be an integer/,
    },
    {
      name: 'a missing column',
      parse: 'nodes',
      text: 'sn,cpu_milli,gpu,model\nn1,8000,2,T4\n',
      where: 'bad.csv:1',
      says: /missing column "memory_mib"/,
    },
    {
      name: 'a short row',
      parse: 'nodes',
      text: 'sn,cpu_milli,memory_mib,gpu,model\nn1,8000,1024\n',
      where: 'bad.csv:2',
      says: /expected 5 cells, found 3/,
    },
    {
      name: 'GPUs without a model',
      parse: 'nodes',
      text: 'sn,cpu_milli,memory_mib,gpu,model\nn1,8000,1024,2,\n',
      where: 'bad.csv:2:5',
      says: /needs a model/,
    },
    {
      name: 'a share of several GPUs',
      parse: 'pods',
      text: `${FIXTURE_PODS_CSV.split('\n')[0]}\np,1000,1024,2,500,,LS,Running,0,1,0\n`,
      where: 'bad.csv:2:5',
      says: /must take them whole/,
    },
    {
      name: 'gpu_milli above 1000',
      parse: 'pods',
      text: `${FIXTURE_PODS_CSV.split('\n')[0]}\np,1000,1024,1,1500,,LS,Running,0,1,0\n`,
      where: 'bad.csv:2:5',
      says: /gpu_milli must be an integer 0..1000/,
    },
  ];
  for (const c of bad) {
    it(`names file, line and column for ${c.name}`, () => {
      const parse = c.parse === 'nodes' ? parseNodeList : parsePodList;
      assert.throws(
        () => parse(c.text, 'bad.csv'),
        (error: unknown) =>
          error instanceof TraceFormatError && error.message.startsWith(`${c.where}:`) && c.says.test(error.message),
      );
    });
  }
});
