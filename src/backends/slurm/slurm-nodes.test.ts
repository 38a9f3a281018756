import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  modelForGresType,
  nodeCondition,
  nodeView,
  parseGres,
  parseNodeRecords,
  parseScontrolLine,
} from './slurm-nodes.js';

const LINE =
  'NodeName=vm Arch=x86_64 CoresPerSocket=1  CPUAlloc=0 CPUEfctv=64 CPUTot=64 CPULoad=4.65 ' +
  'AvailableFeatures=(null) ActiveFeatures=(null) ' +
  'Gres=gpu:h100:4,gpu:k100_ai:4,gpu:910b3:4,shard:h100:400,shard:k100_ai:0,shard:910b3:0 NodeAddr=127.0.0.1 ' +
  'NodeHostName=vm Version=22.05.8 OS=Linux 6.18.44-fc-v657 #1 SMP PREEMPT_DYNAMIC @0  RealMemory=19284 ' +
  'AllocMem=0 FreeMem=22375 Sockets=64 Boards=1 State=IDLE ThreadsPerCore=1 Partitions=debug ' +
  'CfgTRES=cpu=64,mem=19284M,billing=64 AllocTRES= CapWatts=n/a';

describe('scontrol node records', () => {
  test('key=value fields; a value runs to the next key, spaces included', () => {
    const f = parseScontrolLine(LINE);
    assert.equal(f.get('OS'), 'Linux 6.18.44-fc-v657 #1 SMP PREEMPT_DYNAMIC @0');
    assert.equal(f.get('CfgTRES'), 'cpu=64,mem=19284M,billing=64');
    assert.equal(f.get('AllocTRES'), '');
    assert.equal(f.get('RealMemory'), '19284');
  });

  test('gres entries with and without types and socket suffixes', () => {
    assert.deepEqual(parseGres('gpu:h100:4(S:0-1),shard:400,npu:ascend910:2'), [
      { name: 'gpu', type: 'h100', count: 4 },
      { name: 'shard', type: null, count: 400 },
      { name: 'npu', type: 'ascend910', count: 2 },
    ]);
    assert.deepEqual(parseGres('(null)'), []);
  });

  test('a node line becomes a record', () => {
    const [record] = parseNodeRecords(`${LINE}\n\n`);
    assert.equal(record?.name, 'vm');
    assert.equal(record?.cpus, 64);
    assert.equal(record?.realMemoryMiB, 19284);
    assert.deepEqual(record?.partitions, ['debug']);
    assert.equal(record?.gres.length, 6);
  });
});

describe('node view', () => {
  test('gpu types become catalog models; indices count per vendor and map back to Slurm numbers', () => {
    const [record] = parseNodeRecords(LINE);
    assert.ok(record);
    const view = nodeView(record, 'hpc');
    assert.equal(view.info.name, 'hpc/vm');
    assert.equal(view.info.cpuMillis, 64_000);
    assert.equal(view.info.devices.length, 12);
    assert.deepEqual(
      view.info.devices.filter((d) => d.vendor === 'hygon').map((d) => [d.index, d.model]),
      [0, 1, 2, 3].map((i) => [i, 'hygon-dcu-k100_ai']),
    );
    assert.deepEqual(
      [...(view.gpuIndex.get('huawei') ?? [])],
      [
        [0, 8],
        [1, 9],
        [2, 10],
        [3, 11],
      ],
    );
  });

  test("a type no model claims is no device, but still takes Slurm's numbers", () => {
    const [record] = parseNodeRecords(LINE.replace('gpu:h100:4', 'gpu:mystery:2'));
    assert.ok(record);
    const view = nodeView(record, 'hpc');
    assert.equal(view.info.devices.length, 8);
    assert.equal(view.gpuIndex.get('hygon')?.get(0), 2);
  });

  test('gres types: the adapters convention first, then catalog names', () => {
    assert.equal(modelForGresType('h100')?.model, 'nvidia-h100-sxm');
    assert.equal(modelForGresType('910b3')?.model, 'huawei-ascend-910b3');
    assert.equal(modelForGresType('nonexistent-card'), undefined);
  });

  test('node states', () => {
    assert.deepEqual(nodeCondition('IDLE'), { healthy: true, schedulable: true });
    assert.deepEqual(nodeCondition('MIXED'), { healthy: true, schedulable: true });
    assert.deepEqual(nodeCondition('IDLE+DRAIN'), { healthy: true, schedulable: false });
    assert.deepEqual(nodeCondition('DOWN*'), { healthy: false, schedulable: false });
    assert.deepEqual(nodeCondition('IDLE*'), { healthy: false, schedulable: false });
    assert.deepEqual(nodeCondition('INVAL'), { healthy: false, schedulable: false });
  });
});
