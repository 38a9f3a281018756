/**
 * The shipped seed knowledge: PyTorch on each catalog model's native stack, from published sources only.
 * No measurement is invented: the seed carries no measured throughput (throughput.ts gives priors).
 * Status follows what the source says (see VerdictStatus); precision capabilities come from the catalog's
 * `precisions` (a datasheet statement) at the verdict's status, except where a source says otherwise.
 * Vendors whose PyTorch builds are documented without a version stay `unknown`, with the evidence kept.
 */
import { getModel } from '../catalog/index.js';
import { emptyKb, upsertVerdict } from './knowledge-base.js';
import {
  catalogEvidence,
  GAUDI_SUPPORT_MATRIX_1_19,
  PYTORCH_PREVIOUS_VERSIONS,
  ROCM_63_THIRD_PARTY,
  ROCM_INSTINCT_TARGETS,
  ROCM_PYTORCH_COMPATIBILITY,
  sourceEvidence,
  TORCH_MLU_README,
  TORCH_MUSA_README_MCCL,
  TORCH_MUSA_README_V2_0,
  TORCH_NPU_PRODUCTS,
  TORCH_NPU_README,
} from './seed-documents.js';
import type { Capability, Evidence, KnowledgeBase, Verdict, VerdictStatus } from './types.js';

interface SeedEntry {
  models: string[];
  stack: string;
  stackVersion: string;
  frameworkVersion: string;
  status: VerdictStatus;
  evidence: Evidence[];
  caveats?: string[];
  /** Overrides of the capabilities derived from the catalog. */
  capabilities?: Partial<Record<Capability, VerdictStatus>>;
  /** Per-model overrides and caveats. */
  perModel?: Record<string, { capabilities?: Partial<Record<Capability, VerdictStatus>>; caveats?: string[] }>;
}

const UNVERSIONED = 'a vendor PyTorch build is documented, but no source states its PyTorch version';

const ENTRIES: SeedEntry[] = [
  {
    models: [
      'nvidia-a100-40gb',
      'nvidia-a100-80gb',
      'nvidia-h100-sxm',
      'nvidia-h200',
      'nvidia-h20',
      'nvidia-l40s',
      'nvidia-geforce-rtx-4090',
      'nvidia-tesla-v100',
      'nvidia-tesla-t4',
    ],
    stack: 'CUDA',
    stackVersion: '12.4',
    frameworkVersion: '2.5.1',
    status: 'verified',
    evidence: [PYTORCH_PREVIOUS_VERSIONS],
    perModel: {
      'nvidia-h20': { caveats: ['BF16 is not stated by the catalog sources for H20'] },
      'nvidia-tesla-v100': {
        capabilities: { bf16: 'fails' },
        caveats: ['No BF16 on Volta (catalog notes; the sources give no BF16 figure)'],
      },
      'nvidia-tesla-t4': { capabilities: { bf16: 'fails' }, caveats: ['No BF16 on Turing (catalog notes)'] },
    },
  },
  {
    models: ['amd-instinct-mi300x', 'amd-instinct-mi210'],
    stack: 'ROCm',
    stackVersion: '6.3',
    frameworkVersion: '2.4',
    status: 'verified',
    evidence: [ROCM_63_THIRD_PARTY, ROCM_PYTORCH_COMPATIBILITY, ROCM_INSTINCT_TARGETS],
    capabilities: { rccl: 'verified' },
    caveats: ['BF16 is not confirmed by the catalog sources for this model'],
  },
  {
    models: ['amd-instinct-mi250x'],
    stack: 'ROCm',
    stackVersion: '6.3',
    frameworkVersion: '2.4',
    status: 'works-with-caveats',
    evidence: [ROCM_63_THIRD_PARTY, ROCM_PYTORCH_COMPATIBILITY, ROCM_INSTINCT_TARGETS],
    capabilities: { rccl: 'works-with-caveats' },
    caveats: ['The ROCm device list names MI250 and MI210 (gfx90a), not MI250X', 'Each MI250X card is two devices'],
  },
  {
    models: ['intel-gaudi-2', 'intel-gaudi-3'],
    stack: 'SynapseAI',
    stackVersion: '1.19.0',
    frameworkVersion: '2.5.1',
    status: 'verified',
    evidence: [GAUDI_SUPPORT_MATRIX_1_19],
  },
  ...['2.1.0', '2.3.1'].map(
    (frameworkVersion): SeedEntry => ({
      models: ['huawei-ascend-910b2', 'huawei-ascend-910b3', 'huawei-ascend-910b4', 'huawei-ascend-910b4-1'],
      stack: 'CANN',
      stackVersion: '8.0.RC2',
      frameworkVersion,
      status: 'works-with-caveats',
      evidence: [TORCH_NPU_README, TORCH_NPU_PRODUCTS],
      caveats: ['Runs through the torch_npu plugin (device `npu`)', 'The version table does not name device models'],
    }),
  ),
  {
    models: ['huawei-ascend-910a'],
    stack: 'CANN',
    stackVersion: '8.0.RC2',
    frameworkVersion: '2.1.0',
    status: 'works-with-caveats',
    evidence: [TORCH_NPU_README, TORCH_NPU_PRODUCTS, ...catalogEvidence('huawei-ascend-910a', 'precisions')],
    capabilities: { bf16: 'fails' },
    caveats: ['Runs through the torch_npu plugin (device `npu`)', 'No native BF16 on Da Vinci 1.0 (ASC-SURVEY)'],
  },
  {
    models: ['huawei-ascend-310p'],
    stack: 'CANN',
    stackVersion: '*',
    frameworkVersion: '*',
    status: 'unknown',
    evidence: [TORCH_NPU_PRODUCTS],
    caveats: ['Inference part; the torch_npu product list read names training series only'],
  },
  {
    models: ['cambricon-mlu370-x8', 'cambricon-mlu590'],
    stack: 'Neuware',
    stackVersion: 'CTR 2.15',
    frameworkVersion: '2.4.0',
    status: 'works-with-caveats',
    evidence: [TORCH_MLU_README],
    capabilities: { cncl: 'works-with-caveats' },
    caveats: ['Runs through the torch_mlu plugin (device `mlu`)', 'The version table does not name device models'],
  },
  {
    models: ['moore-threads-mtt-s4000', 'moore-threads-mtt-s80'],
    stack: 'MUSA',
    stackVersion: '*',
    frameworkVersion: '2.0.0',
    status: 'works-with-caveats',
    evidence: [TORCH_MUSA_README_V2_0, TORCH_MUSA_README_MCCL],
    caveats: ['Runs through the torch_musa plugin (device `musa`)'],
    perModel: {
      'moore-threads-mtt-s4000': { capabilities: { mccl: 'works-with-caveats' } },
      'moore-threads-mtt-s80': { capabilities: { mccl: 'fails' }, caveats: ['MCCL is not provided for S80'] },
    },
  },
  {
    models: ['hygon-dcu-z100', 'hygon-dcu-z100l', 'hygon-dcu-k100', 'hygon-dcu-k100_ai', 'hygon-bw1000'],
    stack: 'DTK',
    stackVersion: '*',
    frameworkVersion: '*',
    status: 'unknown',
    evidence: sourceEvidence('FENGWU', 'FG', 'HY-SGL'),
    caveats: [UNVERSIONED],
  },
  {
    models: ['kunlunxin-p800'],
    stack: 'XRE',
    stackVersion: '*',
    frameworkVersion: '*',
    status: 'unknown',
    evidence: sourceEvidence('KL-ENV', 'FG'),
    caveats: [UNVERSIONED, 'Runs through torch_xmlir'],
  },
  {
    models: ['metax-c500', 'metax-c550'],
    stack: 'MACA',
    stackVersion: '*',
    frameworkVersion: '*',
    status: 'unknown',
    evidence: sourceEvidence('MX-SGL', 'FENGWU', 'FG'),
    caveats: [UNVERSIONED],
  },
  {
    models: ['iluvatar-corex-bi-v150', 'iluvatar-corex-mr-v100'],
    stack: 'CoreX',
    stackVersion: '*',
    frameworkVersion: '*',
    status: 'unknown',
    evidence: sourceEvidence('ILU-IXSMI', 'ILU-DS', 'ILU-FLYDSL'),
    caveats: [UNVERSIONED],
  },
  {
    models: ['enflame-cloudblazer-t20', 'enflame-cloudblazer-i20', 'enflame-s60'],
    stack: 'TopsRider',
    stackVersion: '*',
    frameworkVersion: '*',
    status: 'unknown',
    evidence: sourceEvidence('EF-ENV', 'FG'),
    caveats: [UNVERSIONED, 'Runs through torch_gcu (device `gcu`)'],
  },
  {
    models: ['biren-br100', 'biren-br104'],
    stack: 'BIRENSUPA',
    stackVersion: '*',
    frameworkVersion: '*',
    status: 'unknown',
    evidence: sourceEvidence('BR-SURVEY'),
    caveats: ['The PyTorch plugin name is not confirmed by any source'],
  },
];

/** Precision capabilities a working verdict takes from the catalog's sourced `precisions`. */
function catalogCapabilities(modelId: string, status: VerdictStatus): Partial<Record<Capability, VerdictStatus>> {
  if (status === 'unknown' || status === 'fails') return {};
  const caps: Partial<Record<Capability, VerdictStatus>> = {};
  for (const p of getModel(modelId)?.precisions ?? []) caps[p] = status;
  return caps;
}

function verdictsOf(entry: SeedEntry): Verdict[] {
  return entry.models.map((model) => {
    const own = entry.perModel?.[model];
    const precisionSources = entry.status === 'unknown' ? [] : catalogEvidence(model, 'precisions');
    const evidence = [...entry.evidence];
    for (const e of precisionSources) if (!evidence.some((x) => x.title === e.title)) evidence.push(e);
    return {
      model,
      stack: entry.stack,
      stackVersion: entry.stackVersion,
      framework: 'pytorch',
      frameworkVersion: entry.frameworkVersion,
      status: entry.status,
      capabilities: { ...catalogCapabilities(model, entry.status), ...entry.capabilities, ...own?.capabilities },
      caveats: [...(entry.caveats ?? []), ...(own?.caveats ?? [])],
      evidence,
    };
  });
}

/** Every seed verdict, in a stable order. */
export function seedVerdicts(): Verdict[] {
  return ENTRIES.flatMap(verdictsOf);
}

/** The knowledge base Junction ships with. */
export function seedKb(): KnowledgeBase {
  let kb = emptyKb();
  for (const v of seedVerdicts()) kb = upsertVerdict(kb, v);
  return kb;
}
