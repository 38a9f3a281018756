import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getModel } from '../catalog/index.js';
import { ILUVATAR_LEGACY_DEVICE } from './iluvatar.js';
import { cpu, getVendor, vendors } from './registry.js';
import { type KubernetesRequest, VendorRequestError } from './types.js';

const v = (id: string) => getVendor(id)!;
const share = { memoryMiB: 12288, computePercent: 30 };

/**
 * Whole-device resource each vendor's own device plugin registers. Sources: NVIDIA/AMD device plugins; Hygon DCU
 * plugin node capacity (hygon.com/dcu); Huawei MindX (huawei.com/Ascend910, Ascend310P); CAMB-K8S; HAMi values.yaml
 * (kunlunxin.com/xpu, birentech.com/gpu) and device-configmap (metax-tech.com/gpu, enflame.com/gcu); MT-K8S;
 * CoreX 4.3 deployment note (iluvatar.com/gpu); GD-K8S (habana.ai/gaudi).
 */
const DEVICE: Record<string, string> = {
  nvidia: 'nvidia.com/gpu',
  amd: 'amd.com/gpu',
  hygon: 'hygon.com/dcu',
  huawei: 'huawei.com/Ascend910',
  cambricon: 'cambricon.com/mlu',
  kunlunxin: 'kunlunxin.com/xpu',
  metax: 'metax-tech.com/gpu',
  mthreads: 'mthreads.com/gpu',
  iluvatar: 'iluvatar.com/gpu',
  enflame: 'enflame.com/gcu',
  intel: 'habana.ai/gaudi',
  biren: 'birentech.com/gpu',
};

/** A share of 12 GiB and 30 percent on one device, per HAMi (charts/hami values.yaml + device-configmap). */
const SHARED: Record<string, { model?: string; limits: Record<string, string> } | null> = {
  nvidia: { limits: { 'nvidia.com/gpu': '1', 'nvidia.com/gpumem': '12288', 'nvidia.com/gpucores': '30' } },
  amd: { limits: { 'amd.com/gpu': '1', 'amd.com/gpumem': '12288', 'amd.com/gpucores': '30' } },
  hygon: { limits: { 'hygon.com/hcunum': '1', 'hygon.com/hcumem': '12288', 'hygon.com/hcucores': '30' } },
  huawei: {
    model: 'huawei-ascend-910b3',
    limits: { 'huawei.com/Ascend910B3': '1', 'huawei.com/Ascend910B3-memory': '12288' },
  },
  cambricon: {
    limits: { 'cambricon.com/vmlu': '1', 'cambricon.com/mlu.smlu.vmemory': '48', 'cambricon.com/mlu.smlu.vcore': '30' },
  },
  kunlunxin: { limits: { 'kunlunxin.com/vxpu': '1', 'kunlunxin.com/vxpu-memory': '12288' } },
  metax: { limits: { 'metax-tech.com/sgpu': '1', 'metax-tech.com/vmemory': '12', 'metax-tech.com/vcore': '30' } },
  // 12288 MiB = 24 units of 512 MiB; 30% of 16 core groups rounds up to 5.
  mthreads: { limits: { 'mthreads.com/vgpu': '1', 'mthreads.com/sgpu-memory': '24', 'mthreads.com/sgpu-core': '5' } },
  iluvatar: {
    model: 'iluvatar-corex-bi-v150',
    limits: { 'iluvatar.ai/BI-V150-vgpu': '1', 'iluvatar.ai/BI-V150.vMem': '48', 'iluvatar.ai/BI-V150.vCore': '30' },
  },
  enflame: { limits: { 'enflame.com/gcu-memory': '12288', 'enflame.com/gcu-core': '30' } },
  intel: null,
  biren: null,
};

describe('kubernetesResources: whole devices through the vendor device plugin', () => {
  for (const a of vendors) {
    test(`${a.id}: ${DEVICE[a.id]} × 4`, () => {
      assert.deepEqual(a.kubernetesResources({ count: 4 }), { limits: { [DEVICE[a.id]!]: '4' }, annotations: {} });
      assert.equal(a.kubernetesNames().device, DEVICE[a.id]);
    });
  }

  test('huawei: 310P registers its own resource', () => {
    assert.equal(v('huawei').kubernetesNames('huawei-ascend-310p').device, 'huawei.com/Ascend310P');
  });

  test('iluvatar: the older iluvatar.ai/gpu spelling is exported', () => {
    assert.equal(ILUVATAR_LEGACY_DEVICE, 'iluvatar.ai/gpu');
  });

  test('a share cannot go through a device plugin', () => {
    assert.throws(() => v('nvidia').kubernetesResources({ count: 1, share, via: 'device-plugin' }), VendorRequestError);
  });
});

describe('kubernetesResources: HAMi shares', () => {
  for (const a of vendors) {
    const expected = SHARED[a.id];
    const request: KubernetesRequest = { count: 1, share, ...(expected?.model ? { model: expected.model } : {}) };
    if (expected === null) {
      test(`${a.id}: whole devices only`, () => {
        assert.equal(a.kubernetesNames().share, null);
        assert.throws(() => a.kubernetesResources(request), VendorRequestError);
      });
      continue;
    }
    test(`${a.id}: ${Object.keys(expected!.limits).join(', ')}`, () => {
      assert.deepEqual(a.kubernetesResources(request).limits, expected!.limits);
    });
  }

  test('per-model vendors need the model for a share', () => {
    assert.throws(() => v('huawei').kubernetesResources({ count: 1, share }), VendorRequestError);
    assert.throws(() => v('iluvatar').kubernetesResources({ count: 1, share }), VendorRequestError);
  });

  test('shares spanning devices: per-device limits where HAMi allows, refused where it does not', () => {
    assert.deepEqual(v('nvidia').kubernetesResources({ count: 2, share }).limits, {
      'nvidia.com/gpu': '2',
      'nvidia.com/gpumem': '12288',
      'nvidia.com/gpucores': '30',
    });
    // HAMi: mthreads sGPU and Ascend vNPU are single-device; Enflame DRS by memory/core asks for one slice.
    for (const [id, model] of [['mthreads'], ['enflame'], ['huawei', 'huawei-ascend-910b3']] as const) {
      assert.throws(
        () => v(id).kubernetesResources({ count: 2, share, ...(model ? { model } : {}) }),
        VendorRequestError,
        id,
      );
    }
  });

  test('bad requests are contract errors', () => {
    assert.throws(() => v('nvidia').kubernetesResources({ count: 0 }), VendorRequestError);
    assert.throws(() => v('nvidia').kubernetesResources({ count: 1.5 }), VendorRequestError);
    assert.throws(
      () => v('nvidia').kubernetesResources({ count: 1, share: { memoryMiB: 100, computePercent: 0 } }),
      VendorRequestError,
    );
  });
});

describe('kubernetesResources: HAMi model selection', () => {
  // HAMi pkg/device/<vendor>/device.go: the type annotation names (use / nouse).
  const ANNOTATIONS: [string, string, string][] = [
    ['nvidia', 'nvidia.com/use-gputype', 'nvidia.com/nouse-gputype'],
    ['amd', 'amd.com/use-gputype', 'amd.com/nouse-gputype'],
    ['hygon', 'hygon.com/use-hcutype', 'hygon.com/nouse-hcutype'],
    ['cambricon', 'cambricon.com/use-mlutype', 'cambricon.com/nouse-mlutype'],
  ];
  for (const [id, use, avoid] of ANNOTATIONS) {
    test(`${id}: ${use} / ${avoid}`, () => {
      assert.equal(v(id).kubernetesNames().useModelAnnotation, use);
      assert.equal(v(id).kubernetesNames().avoidModelAnnotation, avoid);
    });
  }

  test('nvidia: a model becomes a device-name substring on HAMi', () => {
    assert.deepEqual(v('nvidia').kubernetesResources({ count: 1, model: 'nvidia-a100-40gb', via: 'hami' }), {
      limits: { 'nvidia.com/gpu': '1' },
      annotations: { 'nvidia.com/use-gputype': 'A100-SXM4-40GB,A100-PCIE-40GB' },
    });
  });

  test('hygon: the default token is the catalog alias', () => {
    const r = v('hygon').kubernetesResources({ count: 1, share, model: 'hygon-dcu-k100_ai' });
    assert.deepEqual(r.annotations, { 'hygon.com/use-hcutype': getModel('hygon-dcu-k100_ai')!.aliases[0] });
  });

  test('ascend: HAMi uuid annotations carry the chip word', () => {
    const names = v('huawei').kubernetesNames('huawei-ascend-910b4-1');
    assert.equal(names.useUuidAnnotation, 'hami.io/use-Ascend910B4-1-uuid');
    assert.equal(names.avoidUuidAnnotation, 'hami.io/no-use-Ascend910B4-1-uuid');
  });
});

describe('cpu adapter', () => {
  test('no devices on Kubernetes', () => {
    assert.deepEqual(cpu.kubernetesResources({ count: 0 }), { limits: {}, annotations: {} });
    assert.throws(() => cpu.kubernetesResources({ count: 1 }), VendorRequestError);
  });
});
