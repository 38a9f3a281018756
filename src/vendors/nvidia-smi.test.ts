import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getModel } from '../catalog/index.js';
import {
  NVIDIA_SMI_FIELDS,
  NVIDIA_SMI_QUERY_ARGS,
  NVIDIA_UNKNOWN_MODEL,
  nvidiaModelId,
  parseNvidiaSmiCsv,
} from './nvidia-smi.js';

// Written from nvidia-smi's documented CSV format: fields in query order, ", " separated, no header, no units;
// "[N/A]" for values a device cannot report, bracketed errors for a device in trouble, and a free-text line
// for a GPU whose handle cannot be opened.
const FIXTURE = [
  '0, GPU-0a1b2c3d-1111-2222-3333-444455556666, NVIDIA H100 80GB HBM3, 81559, 0',
  '1, GPU-0a1b2c3d-1111-2222-3333-444455556667, NVIDIA A100-SXM4-40GB, 40960, 0',
  '',
  '2, GPU-0a1b2c3d-1111-2222-3333-444455556668, Tesla T4, 15360, [N/A]',
  '3, GPU-0a1b2c3d-1111-2222-3333-444455556669, NVIDIA RTX A6000, 49140, 0',
  '   ',
  '4, GPU-0a1b2c3d-1111-2222-3333-44445555666a, NVIDIA A100-SXM4-80GB, [GPU requires reset], [GPU requires reset]',
  '5, GPU-0a1b2c3d-1111-2222-3333-44445555666b, NVIDIA H200, 143771, 2',
  'Unable to determine the device handle for GPU0000:3B:00.0: Unknown Error',
  '',
].join('\n');

describe('parseNvidiaSmiCsv', () => {
  const devices = parseNvidiaSmiCsv(FIXTURE);

  test('one device per data row; blank and free-text lines skipped', () => {
    assert.deepEqual(
      devices.map((d) => d.index),
      [0, 1, 2, 3, 4, 5],
    );
  });

  test('healthy rows carry catalog model, memory and uuid', () => {
    assert.deepEqual(devices[0], {
      index: 0,
      vendor: 'nvidia',
      model: 'nvidia-h100-sxm',
      memoryMiB: 81559,
      uuid: 'GPU-0a1b2c3d-1111-2222-3333-444455556666',
      healthy: true,
    });
    assert.equal(devices[1]?.model, 'nvidia-a100-40gb');
    assert.equal(devices[1]?.memoryMiB, 40960);
  });

  test('[N/A] ECC (not supported) is healthy', () => {
    assert.equal(devices[2]?.model, 'nvidia-tesla-t4');
    assert.equal(devices[2]?.healthy, true);
  });

  test('an unknown name gets the generic model id', () => {
    assert.equal(devices[3]?.model, NVIDIA_UNKNOWN_MODEL);
    assert.equal(devices[3]?.healthy, true);
  });

  test('a bracketed error makes the device unhealthy with unknown memory', () => {
    assert.equal(devices[4]?.healthy, false);
    assert.equal(devices[4]?.memoryMiB, 0);
    assert.equal(devices[4]?.model, 'nvidia-a100-80gb');
  });

  test('uncorrected volatile ECC errors make the device unhealthy', () => {
    assert.equal(devices[5]?.model, 'nvidia-h200');
    assert.equal(devices[5]?.healthy, false);
  });

  test('empty output and CRLF line endings', () => {
    assert.deepEqual(parseNvidiaSmiCsv(''), []);
    const crlf = parseNvidiaSmiCsv('0, GPU-abc, Tesla V100-SXM2-32GB, 32768, 0\r\n\r\n');
    assert.equal(crlf.length, 1);
    assert.equal(crlf[0]?.model, 'nvidia-tesla-v100');
    assert.equal(crlf[0]?.uuid, 'GPU-abc');
  });

  test('query args name every parsed field, in order', () => {
    assert.deepEqual(NVIDIA_SMI_QUERY_ARGS, [
      `--query-gpu=${NVIDIA_SMI_FIELDS.join(',')}`,
      '--format=csv,noheader,nounits',
    ]);
    assert.equal(NVIDIA_SMI_FIELDS[0], 'index');
  });
});

describe('nvidiaModelId', () => {
  const cases: [string, string][] = [
    ['NVIDIA A100-SXM4-80GB', 'nvidia-a100-80gb'],
    ['NVIDIA A100 80GB PCIe', 'nvidia-a100-80gb'],
    ['NVIDIA A100-PCIE-40GB', 'nvidia-a100-40gb'],
    ['NVIDIA H100 80GB HBM3', 'nvidia-h100-sxm'],
    ['NVIDIA H100 PCIe', NVIDIA_UNKNOWN_MODEL],
    ['NVIDIA H200', 'nvidia-h200'],
    ['NVIDIA H200 NVL', NVIDIA_UNKNOWN_MODEL],
    ['NVIDIA H20', 'nvidia-h20'],
    ['NVIDIA L40S', 'nvidia-l40s'],
    ['NVIDIA L40', NVIDIA_UNKNOWN_MODEL],
    ['NVIDIA GeForce RTX 4090', 'nvidia-geforce-rtx-4090'],
    ['NVIDIA GeForce RTX 4090 D', NVIDIA_UNKNOWN_MODEL],
    ['Tesla V100-SXM2-16GB', 'nvidia-tesla-v100'],
    ['Tesla T4', 'nvidia-tesla-t4'],
    ['NVIDIA GeForce RTX 3090', NVIDIA_UNKNOWN_MODEL],
  ];
  for (const [name, id] of cases) test(`${name} → ${id}`, () => assert.equal(nvidiaModelId(name), id));

  test('every mapped id exists in the catalog', () => {
    for (const [, id] of cases) if (id !== NVIDIA_UNKNOWN_MODEL) assert.ok(getModel(id), id);
  });
});
