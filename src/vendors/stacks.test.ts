import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allAdapters, cpu, getVendor, resolveVendorName, vendorIds } from './registry.js';

/** How PyTorch reaches each vendor (vendor docs and the sources cited in each adapter). */
const PYTORCH: Record<string, [source: string, pkg: string]> = {
  nvidia: ['upstream', 'torch'],
  amd: ['upstream', 'torch'],
  hygon: ['vendor', 'torch'],
  huawei: ['plugin', 'torch_npu'],
  cambricon: ['plugin', 'torch_mlu'],
  kunlunxin: ['plugin', 'torch_xmlir'],
  metax: ['vendor', 'torch'],
  mthreads: ['plugin', 'torch_musa'],
  iluvatar: ['vendor', 'torch'],
  enflame: ['plugin', 'torch_gcu'],
  intel: ['plugin', 'habana_frameworks'],
  biren: ['plugin', 'torch_br'],
  cpu: ['upstream', 'torch'],
};

describe('stacks', () => {
  for (const a of allAdapters) {
    test(`${a.id}: every line names the adapter's stack and PyTorch through ${PYTORCH[a.id]?.[1]}`, () => {
      assert.ok(a.stacks.length >= 1);
      for (const s of a.stacks) {
        assert.equal(s.stack, a.stack);
        assert.deepEqual([s.pytorch.source, s.pytorch.package], PYTORCH[a.id]);
        for (const version of s.pytorch.versions) assert.match(version, /^\d+\.\d+$/);
        if (s.image !== undefined) assert.match(s.image, /^[a-z0-9.-]+(:\d+)?(\/[\w.-]+)+:[\w.-]+$/);
      }
      assert.equal(new Set(a.stacks.map((s) => s.version)).size, a.stacks.length, 'one entry per version line');
    });
  }

  test('images exist only where a public one was found', () => {
    const withImage = allAdapters.filter((a) => a.stacks.some((s) => s.image)).map((a) => a.id);
    assert.deepEqual(withImage.sort(), ['hygon', 'intel', 'nvidia']);
  });

  test('CUDA images carry their CUDA line', () => {
    for (const s of getVendor('nvidia')!.stacks) assert.ok(s.image?.includes(`cuda${s.version}`), s.version);
  });
});

describe('cpu adapter in the registry', () => {
  test('getVendor finds cpu; it is not an accelerator vendor a spec may name', () => {
    assert.equal(getVendor('cpu'), cpu);
    assert.equal(cpu.stack, 'cpu');
    assert.deepEqual(cpu.visibleDevicesVariables, []);
    assert.deepEqual(cpu.taskEnv([]), {});
    assert.ok(!vendorIds().includes('cpu'));
    assert.equal(resolveVendorName('cpu'), undefined);
    assert.equal(cpu.discovery, undefined);
  });
});
