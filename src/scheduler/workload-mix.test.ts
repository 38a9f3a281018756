import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compiledSpec } from '../spec/testing.js';
import type { AcceleratorRequest, CompiledJobSpec } from '../spec/types.js';
import { workloadMixOf } from './workload-mix.js';

function job(accelerators: Partial<AcceleratorRequest>, replicas = 1): CompiledJobSpec {
  const kind = accelerators.share ? 'share' : 'whole';
  return compiledSpec({ replicas, perReplica: { cpuMillis: 2000, accelerators: { kind, ...accelerators } } });
}

describe('workloadMixOf', () => {
  it('weights each distinct request by the replicas that asked for it', () => {
    const mix = workloadMixOf([
      job({ count: 1 }),
      job({ count: 1 }),
      job({ count: 8 }, 2),
      job({ count: 1, share: { memoryMiB: 12288, computePercent: 30 } }),
    ]);
    assert.ok(mix);
    assert.deepEqual(
      mix.requests.map((r) => [r.kind, r.count, r.shareMemoryMiB, r.shareComputePercent, r.weight]),
      [
        ['whole', 1, 0, 0, 0.4],
        ['whole', 8, 0, 0, 0.4],
        ['share', 1, 12288, 30, 0.2],
      ],
    );
    assert.equal(mix.requests[0]!.cpuMillis, 2000);
  });

  it('ignores CPU-only jobs and says nothing without accelerator work', () => {
    assert.equal(workloadMixOf([compiledSpec({})]), undefined);
    assert.equal(workloadMixOf([]), undefined);
  });

  it('counts CPU-only replicas too once there is accelerator work to place', () => {
    const mix = workloadMixOf([job({ count: 1 }, 3), compiledSpec({})]);
    assert.deepEqual(
      mix?.requests.map((r) => [r.kind, r.weight]),
      [
        ['whole', 0.75],
        ['none', 0.25],
      ],
    );
  });

  it('keeps model restrictions, sorted, as part of the request', () => {
    const mix = workloadMixOf([
      job({ count: 1, models: ['nvidia-h100-sxm', 'nvidia-a100-80gb'] }),
      job({ count: 1, models: ['nvidia-a100-80gb', 'nvidia-h100-sxm'] }),
    ]);
    assert.deepEqual(
      mix?.requests.map((r) => r.models),
      [['nvidia-a100-80gb', 'nvidia-h100-sxm']],
    );
  });
});
