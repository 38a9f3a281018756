import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cpuPerDeviceMilli, strandedDeviceMilli } from './cpu-stranding.js';
import type { DeviceFree } from './fragmentation.js';
import { HAND_MIX, typical } from './fragmentation-fixture.js';

const devices = (...milli: number[]): DeviceFree[] =>
  milli.map((m) => ({ model: 'm', milli: m, memoryMiB: m, computePercent: m / 10, idle: m === 1000 }));

describe('cpu stranding', () => {
  it('ρ = expected CPU per milli-device of accelerator requests: 4800 / 720 on HAND_MIX', () => {
    // share: 0.3·4000 CPU for 0.3·400 milli; whole 1: 0.4·8000 for 0.4·1000; whole 2: 0.1·4000 for 0.1·2000.
    assert.equal(cpuPerDeviceMilli(HAND_MIX), 4800 / 720);
  });

  it('ρ = 0 (term off) for a mix without accelerator work', () => {
    assert.equal(cpuPerDeviceMilli({ requests: [typical({ kind: 'none', count: 0, cpuMillis: 8000, weight: 1 })] }), 0);
  });

  const cases: { why: string; cpu: number; free: DeviceFree[]; rho: number; expected: number }[] = [
    {
      why: '96 cores feed 8 devices at 12 cores each: nothing stranded',
      cpu: 96000,
      free: devices(...Array(8).fill(1000)),
      rho: 12,
      expected: 0,
    },
    {
      why: '84 cores feed only 7 of 8 devices',
      cpu: 84000,
      free: devices(...Array(8).fill(1000)),
      rho: 12,
      expected: 1000,
    },
    {
      why: 'partly used devices count by their free milli',
      cpu: 6000,
      free: devices(500, 190, 0),
      rho: 12,
      expected: 190,
    },
    { why: 'a CPU-rich node strands nothing', cpu: 104000, free: devices(1000, 1000), rho: 12, expected: 0 },
    { why: 'no CPU left: every free milli is stranded', cpu: 0, free: devices(1000, 300), rho: 12, expected: 1300 },
    { why: 'ρ = 0 turns the term off', cpu: 0, free: devices(1000), rho: 0, expected: 0 },
  ];
  for (const c of cases) {
    it(`${c.expected}: ${c.why}`, () => {
      assert.equal(strandedDeviceMilli(c.cpu, c.free, c.rho), c.expected);
    });
  }
});
