/**
 * The published documents the shipped seed verdicts cite. Dates are what the document states; an undated
 * page carries SEED_READ_DATE, the day it was read for this seed. Catalog sources (src/catalog/sources*.ts)
 * are turned into evidence with catalogEvidence().
 */
import { getModel, getSource, type SourcedField } from '../catalog/index.js';
import type { Evidence } from './types.js';

/** The day the undated sources below were read for the seed. */
export const SEED_READ_DATE = '2026-11-29';

function doc(title: string, url: string, date: string = SEED_READ_DATE): Evidence {
  return { kind: 'document', title, url, date };
}

export const PYTORCH_PREVIOUS_VERSIONS = doc(
  'PyTorch: Installing previous versions of PyTorch (v2.5.1 wheels for CUDA 11.8, 12.1 and 12.4)',
  'https://pytorch.org/get-started/previous-versions',
);

export const ROCM_63_THIRD_PARTY = doc(
  'ROCm 6.3.0 third-party support matrix: ROCm 6.3.x supports PyTorch 1.13, 2.0, 2.1, 2.2, 2.3, 2.4 (tested)',
  'https://rocm.docs.amd.com/projects/install-on-linux/en/docs-6.3.0/reference/3rd-party-support-matrix.html',
  '2024-12-03',
);

export const ROCM_PYTORCH_COMPATIBILITY = doc(
  'ROCm 6.4.0: PyTorch compatibility (mixed-precision and large-scale training using MIOpen and RCCL)',
  'https://rocm.docs.amd.com/en/docs-6.4.0/compatibility/ml-compatibility/pytorch-compatibility.html',
  '2025-05-13',
);

export const ROCM_INSTINCT_TARGETS = doc(
  'ROCm 7.2.3 system requirements (dask-hip): Instinct MI325X/MI300X (gfx942), MI250/MI210 (gfx90a)',
  'https://rocm.docs.amd.com/projects/dask-hip/en/docs-26.03/install/system-requirements.html',
  '2026-07-06',
);

export const GAUDI_SUPPORT_MATRIX_1_19 = doc(
  'Intel Gaudi Support Matrix v1.19.0: PyTorch 2.5.1 on Gaudi 2 and Gaudi 3',
  'https://docs.habana.ai/en/latest/Support_Matrix/Support_Matrix_v1.19.0.html',
);

export const TORCH_NPU_README = doc(
  'Ascend/pytorch (torch_npu) README, Ascend Auxiliary Software: CANN 8.0.RC2 supports PyTorch 2.1.0, 2.2.0, 2.3.1',
  'https://github.com/Ascend/pytorch',
  '2024-06-06',
);

export const TORCH_NPU_PRODUCTS = doc(
  'torch_npu API doc get_cann_version: product support lists Atlas A3 training, Atlas A2 training and Atlas training series',
  'https://github.com/Ascend/pytorch',
);

export const TORCH_MLU_README = doc(
  'Cambricon/torch_mlu README, version table: CTR 2.15, torch_mlu 1.22.0, PyTorch 2.4.0 / 2.3.0 / 2.1.0; depends on CNToolkit, CNNL, CNCL',
  'https://github.com/Cambricon/torch_mlu',
  '2024-08-15',
);

export const TORCH_MUSA_README_V2_0 = doc(
  'MooreThreads/torch_musa README (early version): built against PyTorch v2.0.0 source',
  'https://github.com/MooreThreads/torch_musa',
);

export const TORCH_MUSA_README_MCCL = doc(
  'MooreThreads/torch_musa README: MUSA SDK includes MCCL for S4000 only; S80/S3000 build with USE_MCCL=0',
  'https://github.com/MooreThreads/torch_musa',
);

/** Evidence from the catalog sources behind one fact of a model (`precisions` by default). */
export function catalogEvidence(modelId: string, field: SourcedField = 'precisions'): Evidence[] {
  const ids = getModel(modelId)?.sources[field] ?? [];
  return sourceEvidence(...ids);
}

/** Evidence from catalog source ids. */
export function sourceEvidence(...ids: string[]): Evidence[] {
  const out: Evidence[] = [];
  for (const id of ids) {
    const s = getSource(id);
    if (!s) continue;
    const e: Evidence = { kind: 'document', title: `${s.title} [${s.id}]`, date: s.date ?? SEED_READ_DATE };
    if (s.url) e.url = s.url;
    out.push(e);
  }
  return out;
}
