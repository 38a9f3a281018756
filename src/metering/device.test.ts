import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deviceMilliOf } from './device.js';

const GIB = 1024;
const memory = (index: number) => (index === 1 ? 32 * GIB : 64 * GIB);

test('deviceMilliOf: whole devices count 1000 each, shares the larger fraction rounded up', () => {
  const cases: Array<[string, Parameters<typeof deviceMilliOf>[0], number]> = [
    ['no devices (CPU-only)', [], 0],
    ['one whole device', [{ index: 0, memoryMiB: 64 * GIB, computePercent: 100, whole: true }], 1000],
    [
      'four whole devices',
      [0, 1, 2, 3].map((index) => ({ index, memoryMiB: memory(index), computePercent: 100, whole: true })),
      4000,
    ],
    [
      'compute dominates: 12Gi of 64Gi (188) vs 30%',
      [{ index: 0, memoryMiB: 12 * GIB, computePercent: 30, whole: false }],
      300,
    ],
    [
      'memory dominates: 12Gi of 64Gi = 0.1875 rounds up to 188',
      [{ index: 0, memoryMiB: 12 * GIB, computePercent: 10, whole: false }],
      188,
    ],
    [
      'the device size comes from its index: 12Gi of 32Gi = 375',
      [{ index: 1, memoryMiB: 12 * GIB, computePercent: 10, whole: false }],
      375,
    ],
    [
      '10000 MiB of 65536 = 152.58 rounds up to 153',
      [{ index: 0, memoryMiB: 10_000, computePercent: 0, whole: false }],
      153,
    ],
    ['12.3% is 123, not 124 (float noise)', [{ index: 0, memoryMiB: 0, computePercent: 12.3, whole: false }], 123],
    ['never more than a whole device', [{ index: 0, memoryMiB: 80 * GIB, computePercent: 50, whole: false }], 1000],
    [
      'summed over devices',
      [
        { index: 0, memoryMiB: 64 * GIB, computePercent: 100, whole: true },
        { index: 1, memoryMiB: 8 * GIB, computePercent: 20, whole: false },
      ],
      1250,
    ],
  ];
  for (const [name, devices, want] of cases) assert.equal(deviceMilliOf(devices, memory), want, name);
});

test('deviceMilliOf: a share on a device of unknown size is an error', () => {
  assert.throws(
    () => deviceMilliOf([{ index: 3, memoryMiB: 1, computePercent: 1, whole: false }], () => 0),
    /^Error: devices\[0\]: device 3 has no memory size/,
  );
});
