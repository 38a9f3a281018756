/**
 * Sources of the catalog's software, sharing and price facts. See sources.ts.
 */
import type { CatalogSource } from './types.js';

export const ECOSYSTEM_SOURCES: readonly CatalogSource[] = [
  {
    id: 'FLAGPERF',
    title: 'Public benchmark-harness config',
    url: null,
    date: null,
    detail:
      'Public benchmark-harness config (index id 15366068520): CUDA_VISIBLE_DEVICES for nvidia & iluvatar, MLU_VISIBLE_DEVICES cambricon, XPU_VISIBLE_DEVICES kunlunxin, ASCEND_VISIBLE_DEVICES ascend, MUSA_VISIBLE_DEVICES mthreads, HIP_VISIBLE_DEVICES dcu.',
  },
  {
    id: 'P-DR',
    title: 'datareceipts/data-receipts 109-gpu-pricing/{hyperscalers.json, vendors.json, compare.json}',
    url: null,
    date: '2026-11-09',
    detail:
      'datareceipts/data-receipts 109-gpu-pricing/{hyperscalers.json, vendors.json, compare.json} (retrieved/read 2026-11-09): AWS p4d.24xlarge A100-40GB $2.7447/GPU-h, p4de.24xlarge A100-80GB $3.4309, p5.48xlarge H100 $6.88 (us-east-1); Azure ND96asr_A100_v4 $3.3996, NC24ads_A100_v4 (A100 PCIe 80GB) $3.673, ND96isr_H100_v5 $12.29 (eastus); RunPod Secure H100 SXM $3.99, A100 80GB $1.79; RunPod Community H100 SXM $2.69, A100 SXM 80GB $1.39, A100 PCIe 80GB $1.19.',
  },
  {
    id: 'P-LAMBDA-AE',
    title: 'api-evangelist/lambda-labs plans',
    url: null,
    date: '2026-09-20',
    detail:
      'api-evangelist/lambda-labs plans (page read 2026-09-20, source lambda.ai/instances): 8x H100 SXM $3.99/GPU-h, 8x A100 SXM 80GB $2.79, 8x A100 SXM 40GB $1.99.',
  },
  {
    id: 'P-OPENRELAY',
    title: 'api-evangelist/openrelay plans',
    url: null,
    date: '2026-09-20',
    detail: 'api-evangelist/openrelay plans (read 2026-09-20): RTX 4090 $0.29/h, H100 SXM $2.60/h, A100 40GB $0.80/h.',
  },
  {
    id: 'P-AKASH',
    title: 'api-evangelist/akash plans',
    url: null,
    date: '2026-09-20',
    detail:
      "api-evangelist/akash plans (read 2026-09-20, akash.network/pricing/gpus): 'starting at' H200 $4.45, H100 SXM5 $2.71, A100 80GB SXM4 $1.71 per GPU-h (decentralised marketplace).",
  },
  {
    id: 'P-SILY',
    title: 'tgarg01/silybench-data derived/csv/gpu_prices.csv',
    url: null,
    date: '2026-09-25',
    detail:
      'tgarg01/silybench-data derived/csv/gpu_prices.csv (checked 2026-09-25/26): GCP a3-highgpu-1g H100 us-central1 on-demand-equivalent $10.9791/h incl. 26 vCPU+234 GiB; Nebius H100 $3.85; Lambda 1x H100 SXM $4.29, 8x $3.99.',
  },
  {
    id: 'L40S-AIHPC',
    title: 'ai-hpc.github.io',
    url: 'https://ai-hpc.github.io/ai-hardware-engineer-roadmap/Phase%205%20-%20Advanced%20Topics%20and%20Specialization/1.%20GPU%20Infrastructure/Nvidia%20GPU/HPC%20Setup/L40S-x12-Inference',
    date: null,
    detail:
      'https://ai-hpc.github.io/ai-hardware-engineer-roadmap/Phase%205%20-%20Advanced%20Topics%20and%20Specialization/1.%20GPU%20Infrastructure/Nvidia%20GPU/HPC%20Setup/L40S-x12-Inference : PCIe 4.0 x16, no NVLink, 350 W.',
  },
  {
    id: 'ROCM-MI250',
    title: 'rocm.docs.amd.com',
    url: 'https://rocm.docs.amd.com/en/docs-7.14.0/_sources/reference/gpu-arch/mi250.md',
    date: null,
    detail:
      'https://rocm.docs.amd.com/en/docs-7.14.0/_sources/reference/gpu-arch/mi250.md : each Infinity Fabric link up to 25 GT/s = 50 GB/s peak per 16-wide link.',
  },
  {
    id: 'FG',
    title: 'flagos-ai/FlagGems src/flag_gems/runtime/backend/_<vendor>/__init__.py',
    url: null,
    date: null,
    detail:
      "flagos-ai/FlagGems src/flag_gems/runtime/backend/_<vendor>/__init__.py (read_file): vendor_name/device_name/device_query_cmd for cambricon(mlu,cnmon,torch_mlu), iluvatar(cuda,ixsmi), metax(cuda,mx-smi), kunlunxin(cuda,xpu-smi), hygon(cuda,hy-smi,triton 'hip'), mthreads(musa,mthreads-gmi), ascend(npu,'npu-smi info'), amd(cuda,rocm-smi), enflame(gcu, PrivateUse1).",
  },
  {
    id: 'P-GPUBLOG',
    title: 'gpu.blog provider listings',
    url: null,
    date: null,
    detail:
      'gpu.blog provider listings (undated aggregator): MI250X Runcrate $1.35/h; MI300X TensorWave $1.71/h, Vultr $1.85/h; H100 SXM Hyperstack $1.90/h.',
  },
  {
    id: 'OPT-AMD',
    title: 'huggingface.co',
    url: 'https://huggingface.co/docs/optimum/amd/amdgpu/perf_hardware',
    date: null,
    detail:
      'https://huggingface.co/docs/optimum/amd/amdgpu/perf_hardware : a 4x MI250 machine shows 8 devices in rocm-smi (one per GCD).',
  },
  {
    id: 'HY-ARCH',
    title: 'Public CMake patch',
    url: null,
    date: null,
    detail:
      'Public CMake patch (index id 65844597750): offload-arch gfx906=Z100, gfx926=K100, gfx928=K100_AI, gfx936=BW1000.',
  },
  {
    id: 'FG-CI',
    title: 'FlagGems-ecosystem CI runner script',
    url: null,
    date: null,
    detail:
      'FlagGems-ecosystem CI runner script (public code, search-index id 70094283859): vendor_env_map ascend->ASCEND_RT_VISIBLE_DEVICES, hygon->HIP_VISIBLE_DEVICES, metax->MACA_VISIBLE_DEVICES, mthreads->MUSA_VISIBLE_DEVICES, iluvatar->ILUVATAR_VISIBLE_DEVICES, cambricon->MLU_VISIBLE_DEVICES, enflame->TOPS_VISIBLE_DEVICES, default CUDA_VISIBLE_DEVICES.',
  },
  {
    id: 'ASC-BOARDOR',
    title: 'boardor.com',
    url: 'https://boardor.com/blog/huawei-ascend-910b-outperforms-h20-910c-approaches-h100',
    date: null,
    detail:
      "https://boardor.com/blog/huawei-ascend-910b-outperforms-h20-910c-approaches-h100 : 910B ~320 TFLOPS FP16, 64 GB HBM2e, '400 GB/s', 310 W. LOW confidence (conflicts with others).",
  },
  {
    id: 'ASC-DUO',
    title: 'avalanchenoticias.com.br',
    url: 'https://avalanchenoticias.com.br/servidores-clusters-supercomputadores-computadores-industriais-e-multiprocessadores/o-acelerador-huawei-atlas-300i-duo-e-equipado-com-um-par-de-chips-ascend-310-ai',
    date: null,
    detail:
      'https://avalanchenoticias.com.br/servidores-clusters-supercomputadores-computadores-industriais-e-multiprocessadores/o-acelerador-huawei-atlas-300i-duo-e-equipado-com-um-par-de-chips-ascend-310-ai (citing Gamers Nexus/ComputerBase): Atlas 300I Duo = 2x Ascend 310-series (310P) chips, 96 GB LPDDR4X, 408 GB/s, 280 TOPS INT8, 150 W, PCIe 4.0 x16.',
  },
  {
    id: 'MLU-ENV',
    title: 'Public DeepSpeed MLU->MUSA porting note',
    url: null,
    date: null,
    detail:
      'Public DeepSpeed MLU->MUSA porting note (index id 60313570855): DeepSpeed accelerator visible_devices_envs() = MLU_VISIBLE_DEVICES (Cambricon) / MUSA_VISIBLE_DEVICES (Moore Threads).',
  },
  {
    id: 'CAMB-K8S',
    title: 'Public manifest comment',
    url: null,
    date: null,
    detail: 'Public manifest comment (index id 1217633522): cambricon.com/mlu.',
  },
  {
    id: 'CAMB-SURVEY',
    title: "AI-maintained survey 'Cambricon MLU Hardware Architecture'",
    url: null,
    date: '2026-08-08',
    detail:
      "AI-maintained survey 'Cambricon MLU Hardware Architecture' (as_of 2026-08-08; index id 69028670118): MLU590 'specs TBD' (no vendor-documented spec).",
  },
  {
    id: 'ILU-DS',
    title: 'DeepSpark model README',
    url: null,
    date: null,
    detail: "DeepSpark model README (index id 19390966405): Iluvatar 'IXUCA SDK' 4.x on BI-V150.",
  },
  {
    id: 'ILU-FLYDSL',
    title: 'Public README',
    url: null,
    date: null,
    detail:
      'Public README (index id 57958618480): ivcore11 = BI-V150/BI-V150S/MR-100/MR-50; CUDA-compatible PyTorch (torch.cuda.*).',
  },
  {
    id: 'MT-K8S',
    title: 'Public docs',
    url: null,
    date: null,
    detail:
      'Public docs (index ids 68610813885, 45528676380): mthreads.com/gpu whole-card resource, MUSA_VISIBLE_DEVICES.',
  },
  {
    id: 'EF-ENV',
    title: 'Public code',
    url: null,
    date: null,
    detail:
      "Public code (index ids 36915289893, 56679546397, 46054816894): vLLM GCU platform device_control_env_var=TOPS_VISIBLE_DEVICES, dispatch_key PrivateUse1; Enflame device plugin returns ENFLAME_VISIBLE_DEVICES and TOPS_VISIBLE_DEVICES; 'import torch_gcu'.",
  },
  {
    id: 'KL-ENV',
    title: 'Public docs/code',
    url: null,
    date: null,
    detail:
      'Public docs/code (index ids 56573397466, 70867046087): FastDeploy Kunlunxin deployment uses XPU_VISIBLE_DEVICES; P800 runtime check imports torch_xmlir and uses torch.cuda / CUDA_VISIBLE_DEVICES.',
  },
  {
    id: 'GD-VLLM',
    title: 'Public code',
    url: null,
    date: null,
    detail:
      'Public code (index ids 63085698981, 36472856301, 20190656105): vllm-gaudi platform device_control_env_var=HABANA_VISIBLE_MODULES, dispatch_key HPU; Gaudi device plugin sets HABANA_VISIBLE_MODULES; containers use HABANA_VISIBLE_DEVICES.',
  },
  {
    id: 'GD-K8S',
    title: 'Public k8s manifests',
    url: null,
    date: null,
    detail: 'Public k8s manifests (index ids 5960345699, 19599970165): resource habana.ai/gaudi.',
  },
];
