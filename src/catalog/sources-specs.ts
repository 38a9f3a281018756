/**
 * Sources of the catalog's hardware facts (memory, FLOPS, links, power). See sources.ts.
 */
import type { CatalogSource } from './types.js';

export const SPEC_SOURCES: readonly CatalogSource[] = [
  {
    id: 'GK-A100',
    title: 'glennklockwood.com',
    url: 'https://glennklockwood.com/garden/processors/A100',
    date: null,
    detail:
      'https://glennklockwood.com/garden/processors/A100 (cites NVIDIA A100 datasheet): 40GB HBM2 1.555 TB/s; 80GB HBM2e 2.039 TB/s; 300+300 GB/s NVLink; 400 W; FP16/BF16 312 dense; FP32 19.5; INT8 624.',
  },
  {
    id: 'P-SKY-LAMBDA',
    title: 'skypilot-org/skypilot-catalog catalogs/v7/lambda/vms.csv @11580132',
    url: null,
    date: null,
    detail:
      'skypilot-org/skypilot-catalog catalogs/v7/lambda/vms.csv @11580132 (stored version, crawl date unknown; likely old): gpu_8x_v100 $4.40/h (16 GB), gpu_1x_a100 (40 GB) $1.29/h, gpu_1x_h100_sxm5 $3.29/h, gpu_8x_h100_sxm5 $23.92/h.',
  },
  {
    id: 'HAMI-CODE',
    title: 'Project-HAMi/HAMi @4707fb02',
    url: null,
    date: null,
    detail:
      'Project-HAMi/HAMi @4707fb02: pkg/device/nvidia/device.go (NVIDIA_VISIBLE_DEVICES), pkg/device/ascend/device.go (ASCEND_VISIBLE_DEVICES), pkg/device/kunlun/device.go (P800 Devmem 98304 MiB), docs/develop/amd-vgpu.md (injects ROCR_VISIBLE_DEVICES); .github/ISSUE_TEMPLATE/bug-report.md @e800826b (vendor SMI list: nvidia-smi, npu-smi, rocm-smi, cnmon, hy-smi, mx-smi, efsmi, xpu-smi, ixsmi, mthreads-gpus, br-smi).',
  },
  {
    id: 'HAMI-CM',
    title: 'Project-HAMi/HAMi @4707fb02',
    url: null,
    date: '2026-08-21',
    detail:
      'Project-HAMi/HAMi @4707fb02 (commit date 2026-08-21): charts/hami/templates/scheduler/device-configmap.yaml and charts/hami/values.yaml (resource names; Ascend per-chip memoryCapacity/aiCore; Kunlun/Metax/Enflame/Biren names). Fetched git snapshot.',
  },
  {
    id: 'TC-A100',
    title: 'www.thundercompute.com',
    url: 'https://www.thundercompute.com/blog/nvidia-a100-specs-full-guide',
    date: null,
    detail:
      'https://www.thundercompute.com/blog/nvidia-a100-specs-full-guide : A100 PCIe 80GB 1,935 GB/s, 300 W; SXM 400 W.',
  },
  {
    id: 'P-SKY-RUNPOD',
    title: 'skypilot-org/skypilot-catalog catalogs/v7/runpod/vms.csv @0727c2bd',
    url: null,
    date: null,
    detail:
      'skypilot-org/skypilot-catalog catalogs/v7/runpod/vms.csv @0727c2bd (date unknown): 1x H200-SXM $3.99/h (spot 3.59), 1x RTX4090 $0.69/h, 1x A100-80GB (PCIe) $1.64/h, 1x A100-80GB-SXM $1.89/h; L40S rows have SpotPrice>Price (6.88 vs 3.44 for 8x) i.e. apparently swapped -> not used.',
  },
  {
    id: 'GK-H100',
    title: 'glennklockwood.com',
    url: 'https://glennklockwood.com/garden/processors/h100',
    date: null,
    detail:
      "https://glennklockwood.com/garden/processors/h100 : H100 SXM5 80 GB HBM3, 3.35 TB/s, 900 GB/s NVLink, 700 W; FP32 66.9, FP16/BF16 matrix 989.4 dense, INT8 1978.9 dense; 'H200 = same GPU with more/faster HBM3e'.",
  },
  {
    id: 'H200-SE',
    title: 'www.saulelectric.com',
    url: 'https://www.saulelectric.com/nvidia-h200.html',
    date: null,
    detail:
      "https://www.saulelectric.com/nvidia-h200.html : 141 GB HBM3e, 4.8 TB/s, NVLink 900 GB/s, 700 W SXM (its '1.97 PFLOPS dense FP16' is NVIDIA's with-sparsity number; not used).",
  },
  {
    id: 'EVO',
    title: 'ying-wen/evokernel-spec @d5fd5aae',
    url: null,
    date: '2026-05-04',
    detail:
      'ying-wen/evokernel-spec @d5fd5aae (2026-05-04) data/hardware/*.yaml (fetched). Aggregator; Chinese-vendor entries cite only vendor homepages and several contradict other sources, so used ONLY for Gaudi2/Gaudi3 (cite intel.com/habana.ai product pages), H200 INT8, and 910B HCCS (flagged).',
  },
  {
    id: 'H20',
    title: 'www.tweaktown.com',
    url: 'https://www.tweaktown.com/news/95224/nvidias-tweaked-h20-ai-gpu-enters-mass-production-in-q2-2024-destined-for-china/index.html',
    date: null,
    detail:
      'https://www.tweaktown.com/news/95224/nvidias-tweaked-h20-ai-gpu-enters-mass-production-in-q2-2024-destined-for-china/index.html and https://willitrunai.com/es/gpus/h20-96gb and https://zangshuxian.com/new/674733024499207168 : H20 96 GB HBM3, 4.0 TB/s, FP16 148 dense, INT8 296, TF32 74, FP32 44, 400 W, NVLink 900 GB/s, 8-way HGX, MIG 7.',
  },
  {
    id: 'L40S-DS',
    title: 'www.mullet.se',
    url: 'https://www.mullet.se/product.html?product_id=355414',
    date: null,
    detail:
      'https://www.mullet.se/product.html?product_id=355414 (reproduces NVIDIA L40/L40S datasheet): 48 GB GDDR6 ECC, 864 GB/s, PCIe Gen4 x16 64 GB/s, FP32 91.6, BF16/FP16 tensor 362.05 dense (733 sparse), FP8 733 dense, 350 W.',
  },
  {
    id: '4090-WDB',
    title: 'waredb.com',
    url: 'https://waredb.com/processor/nvidia-geforce-rtx-4090',
    date: null,
    detail:
      'https://waredb.com/processor/nvidia-geforce-rtx-4090 : 24 GB GDDR6X, 1008 GB/s, FP32 82.58, FP16 tensor 165.15 dense (330.3 sparse), INT8 660.6 dense.',
  },
  {
    id: '4090-NBC',
    title: 'www.notebookcheck.pl',
    url: 'https://www.notebookcheck.pl/NVIDIA-NVIDIA-GeForce-RTX-4090.677670.0.html',
    date: null,
    detail: 'https://www.notebookcheck.pl/NVIDIA-NVIDIA-GeForce-RTX-4090.677670.0.html : TGP 450 W.',
  },
  {
    id: 'HMC-T4V100',
    title: 'hmc-tech.com',
    url: 'https://hmc-tech.com/gpu/nvidia-t4-vs-nvidia-v100-sxm',
    date: null,
    detail:
      'https://hmc-tech.com/gpu/nvidia-t4-vs-nvidia-v100-sxm : T4 16GB GDDR6, FP16 tensor 65.13, INT8 tensor 130.25, FP32 8.14, 70 W; V100 SXM 32GB HBM2, FP16 tensor 125.34, FP32 15.67, INT8 62.67 (non-tensor), 300 W.',
  },
  {
    id: 'SYS-T4V100',
    title: 'sysrqmts.com',
    url: 'https://sysrqmts.com/es/gpus/compare/nvidia-tesla-t4-vs-nvidia-tesla-v100-sxm3-32-gb',
    date: null,
    detail:
      'https://sysrqmts.com/es/gpus/compare/nvidia-tesla-t4-vs-nvidia-tesla-v100-sxm3-32-gb : T4 320 GB/s PCIe 3.0 x16; V100 SXM3 32 GB 897 GB/s.',
  },
  {
    id: 'V100-LT',
    title: 'www.leadtek.com',
    url: 'http://www.leadtek.com/eng/products/workstation_server(30)/WinFast_GS4830NT(30865)/detail',
    date: null,
    detail:
      'http://www.leadtek.com/eng/products/workstation_server(30)/WinFast_GS4830NT(30865)/detail : 8x Tesla V100 SXM2, NVLink up to 300 GB/s, hybrid cube-mesh.',
  },
  {
    id: 'MI210-AT',
    title: "AnandTech 'AMD Releases Instinct MI210 Accelerator: CDNA 2 On a PCIe Card'",
    url: 'https://www.anandtech.com/show/17326/amd-releases-instinct-mi210-accelerator-cdna-2-on-a-pcie-card',
    date: null,
    detail:
      "AnandTech 'AMD Releases Instinct MI210 Accelerator: CDNA 2 On a PCIe Card' (https://www.anandtech.com/show/17326/amd-releases-instinct-mi210-accelerator-cdna-2-on-a-pcie-card, via mirrors in the pages corpus): MI210 64 GB HBM2e, 1.6 TB/s, FP16 181, INT8 181, FP32 vector 22.6 / matrix 45.3, 3 IF links, 300 W, PCIe 4.0; MI250 TDP 560 W.",
  },
  {
    id: 'MI250X',
    title: 'zexron.com',
    url: 'https://zexron.com/amd-mi250-x-aldebaran-as-mcm-with-up-to-479-teraflop-s-and-560-watt-tdp',
    date: null,
    detail:
      'https://zexron.com/amd-mi250-x-aldebaran-as-mcm-with-up-to-479-teraflop-s-and-560-watt-tdp and https://www.worldstockmarket.net/video-card-with-128-gb-of-memory-8192-bit-bus-tbp-500-w-and-the-worlds-first-dual-chip-gpu-amd-instinct-mi250-accelerators-presented : MI250X 220 CU, 128 GB HBM2e, 3.2 TB/s, FP16/BF16 383, INT8 383, FP64/FP32 vector 47.9 / matrix 95.7, 8 IF links (MI250 has 6), OAM, TBP 500 W / peak 560 W.',
  },
  {
    id: 'MI300X-JW',
    title: 'www.jaredwatkins.com',
    url: 'https://www.jaredwatkins.com/research/ai-accelerators/amd-instinct/mi300-series/',
    date: null,
    detail:
      'https://www.jaredwatkins.com/research/ai-accelerators/amd-instinct/mi300-series/ : MI300X 192 GB HBM3, 5.3 TB/s, ~1.3 PFLOPS FP16, ~2.6 PFLOPS FP8, 750 W, OAM.',
  },
  {
    id: 'MI300X-MLPERF',
    title: 'raw.githubusercontent.com',
    url: 'https://raw.githubusercontent.com/mlcommons/inference_results_v4.1/main/closed/AMD/systems/8xMI300X_2xEPYC-9374F.json',
    date: null,
    detail:
      'https://raw.githubusercontent.com/mlcommons/inference_results_v4.1/main/closed/AMD/systems/8xMI300X_2xEPYC-9374F.json : 8 accelerators/node, XGMI, 192 GB HBM3, 750 W SKU.',
  },
  {
    id: 'VULTR-AMD',
    title: 'docs.vultr.com',
    url: 'https://docs.vultr.com/inference-cookbook/rocm/getting-started/hardware-requirements',
    date: '2026-03-11',
    detail:
      'https://docs.vultr.com/inference-cookbook/rocm/getting-started/hardware-requirements (updated 2026-03-11): MI300X 192 GB HBM3 5.3 TB/s gfx942; MI325X FP16 1,307 TFLOPS (same CDNA3 compute as MI300X).',
  },
  {
    id: 'HY-SURVEY',
    title: "AI-maintained survey 'Hygon DCU Hardware Architecture Reference'",
    url: null,
    date: '2026-08-08',
    detail:
      "AI-maintained survey 'Hygon DCU Hardware Architecture Reference' (as_of 2026-08-08; public repo, index id 69375964878) and software-stack companion (id 69278966026). States Hygon publishes no datasheet; Z100/Z100L/K100/K100_AI numbers marked '(est.)' or analyst-report-derived; BW1000 specs 'not disclosed'. LOW confidence.",
  },
  {
    id: 'MI300X-GB',
    title: 'gpu.blog',
    url: 'https://gpu.blog/gpus/instinct-mi300x-mi300x',
    date: null,
    detail:
      'https://gpu.blog/gpus/instinct-mi300x-mi300x (aggregator): Infinity Fabric/xGMI 896 GB/s, 8 GPUs/node; provider prices TensorWave $1.71/h, Vultr $1.85/h (undated).',
  },
  {
    id: 'FENGWU',
    title: "Public porting doc 'Platform environments and FlagGems policy'",
    url: null,
    date: null,
    detail:
      "Public porting doc 'Platform environments and FlagGems policy' (index id 71384650585): Ascend 910C 64 GB / torch_npu / ASCEND_RT_VISIBLE_DEVICES; Hygon BW1000 64 GB / DTK PyTorch / HIP_VISIBLE_DEVICES; MetaX C550 64 GB / MetaX PyTorch build / CUDA_VISIBLE_DEVICES; MTT S5000 80 GB / torch_musa / MUSA_VISIBLE_DEVICES.",
  },
  {
    id: 'HAMI-DOC',
    title:
      'Project-HAMi/HAMi docs/{hygon-dcu,ascend910b,cambricon-mlu,iluvatar-gpu,metax,mthreads,enflame-gcu,kunlun-vxpu}-support.md, last version before removal in commit caf39c10',
    url: null,
    date: '2026-06-15',
    detail:
      'Project-HAMi/HAMi docs/{hygon-dcu,ascend910b,cambricon-mlu,iluvatar-gpu,metax,mthreads,enflame-gcu,kunlun-vxpu}-support.md, last version before removal in commit caf39c10 (2026-06-15); docs/biren-support.md @80ab9a62. Fetched git snapshot.',
  },
  {
    id: 'HY-K8S',
    title: 'Public k8s manifests',
    url: null,
    date: null,
    detail:
      'Public k8s manifests (index ids 54549363583, 52458408990, 26210656809): hygon.com/dcu (official plugin), 8 DCU per node example.',
  },
  {
    id: 'HY-K100AI',
    title: 'Public deployment docs',
    url: null,
    date: null,
    detail:
      "Public deployment docs (index ids 70390788001 'K100_AI 单卡 64GB', 49274943721 'K100_AI-64GB', 62202262065 'GPU type K100_AI, capacity 8').",
  },
  {
    id: 'HY-SGL',
    title: 'Hygon/SGLang model-support table',
    url: null,
    date: null,
    detail:
      'Hygon/SGLang model-support table (public doc, index id 70964676646): BW1100 x8, BW1000 x8, K100_AI x4 serving configs (SGLang 0.5.12).',
  },
  {
    id: 'ASC-SURVEY',
    title: "AI-maintained survey 'Huawei Ascend Hardware Architecture Investigation'",
    url: null,
    date: '2026-04-05',
    detail:
      "AI-maintained survey 'Huawei Ascend Hardware Architecture Investigation' (as_of 2026-04-05; index id 69073592072): Ascend 910 32 GB HBM2 1,228 GB/s; 910B ~320 TFLOPS FP16 / ~640 INT8, 64 GB HBM2e '~800 GB/s'; Atlas 800T 8x 910 over HCCS. LOW confidence for 910B.",
  },
  {
    id: 'ASC-910',
    title: 'www.besthub.dev',
    url: 'https://www.besthub.dev/articles/how-huawei-ascend-910-redefines-ai-training-performance-d95c7f11f1dc',
    date: null,
    detail:
      'https://www.besthub.dev/articles/how-huawei-ascend-910-redefines-ai-training-performance-d95c7f11f1dc and http://components2world.com/2019/07/27/china-will-release-now-for-processor-of-ascend-910-ai-da-vinci-framework-is-the-strongest-core/ (Hot Chips 2019): Ascend 910 FP16 256 TFLOPS, INT8 512 TOPS, 32 Da Vinci cores, design 350 W (measured 310 W), HCCS 240 Gbps.',
  },
  {
    id: 'ASC-K8S',
    title: 'Public k8s manifests',
    url: null,
    date: null,
    detail:
      'Public k8s manifests (index ids 56674988072, 57426680267, 52921996307): huawei.com/Ascend910 (also on 910B3 nodes, 8 per node), huawei.com/Ascend310P, huawei.com/ascend-1980 (910B in one chart).',
  },
  {
    id: 'MLU370',
    title: 'guangxilong.com',
    url: 'http://guangxilong.com/c/032129635H022.html',
    date: '2022-03',
    detail:
      'http://guangxilong.com/c/032129635H022.html and http://www.rencaizhenjiang.com/news/hard/20220324/124384.html (launch coverage 2022-03): MLU370-X8 dual-chip, FP32 32 / FP16 96 / BF16 96 TFLOPS, INT16 128 / INT8 256 / INT4 512 TOPS, 48 GB LPDDR5, 614.4 GB/s, PCIe 4.0 x16, 250 W, MLU-Link 200 GB/s per card, 4-card bridge, 8-card server.',
  },
  {
    id: 'ILU-BI',
    title: 'geektopia.es',
    url: 'https://geektopia.es/es/technology/2021/04/05/noticias/amp/la-empresa-china-tianshu-zhixin-empieza-la-produccion-de-su-gpgpu-a-7-nm-alcanza-los-37-tflops.html',
    date: null,
    detail:
      'https://geektopia.es/es/technology/2021/04/05/noticias/amp/la-empresa-china-tianshu-zhixin-empieza-la-produccion-de-su-gpgpu-a-7-nm-alcanza-los-37-tflops.html (via TechPowerUp): Iluvatar BI (Big Island, 天垓100) 32 GB HBM2, 1.2 TB/s, PCIe 4.0 x16, FP32 37 TFLOPS, FP16 147, BF16 147, INT8 295 TOPS, ~300 W card.',
  },
  {
    id: 'ILU-IXSMI',
    title: 'Public porting note',
    url: null,
    date: null,
    detail:
      "Public porting note (index id 66785110225): CoreX 4.5 SDK, ixsmi reports '2x Iluvatar BI-V150 (32GiB)', CUDA 10.2 compatibility layer.",
  },
  {
    id: 'MX-SGL',
    title: 'MetaX SGLang deployment doc',
    url: null,
    date: null,
    detail:
      'MetaX SGLang deployment doc (index id 62477508112): supported GPUs 曦云 C500/C550/C588, MXMACA >=3.2, 8 GPUs per node by default.',
  },
  {
    id: 'MT-S4000',
    title: 'www.io-tech.fi',
    url: 'https://www.io-tech.fi/uutinen/moore-threads-julkaisi-uuden-mtt-s4000-laskentakortin-ja-kuae-intelligent-computing-center-palvelinklusterit/',
    date: null,
    detail:
      'https://www.io-tech.fi/uutinen/moore-threads-julkaisi-uuden-mtt-s4000-laskentakortin-ja-kuae-intelligent-computing-center-palvelinklusterit/ , https://www.titancomputers.com/Chinese-AI-GPUs-are-on-the-Rise-s/2027.htm , https://tweakpc.de/news/49715/moore-threads-leistungsstarke-mtt-s4000-gpu-aus-china-mit-25-tflops , https://techpowerup.com/forums/threads/moore-threads-mtlink-scales-up-to-10-000-home-grown-gpus-in-ai-cluster.324273 : MTT S4000 FP32 25 / TF32 50 / FP16-BF16 100 TFLOPS, INT8 200 TOPS, 48 GB GDDR6 384-bit 768 GB/s, PCIe 5.0 x16, MTLink 1.0 240 GB/s, 8 per MCCX D800 server.',
  },
  {
    id: 'MT-S80',
    title: 'www.tomshw.it',
    url: 'https://www.tomshw.it/hardware/la-rivale-cinese-della-rtx-3060-ti-e-gia-in-vendita-a-238-euro/',
    date: null,
    detail:
      'https://www.tomshw.it/hardware/la-rivale-cinese-della-rtx-3060-ti-e-gia-in-vendita-a-238-euro/ and https://www.purepc.pl/moore-threads-mtt-s70-premiera-nowej-chinskiej-karty-graficznej-z-7-gb-pamieci-vram-gddr6 : MTT S80 4096 MUSA cores, 128 tensor cores, 16 GB GDDR6 256-bit, 448 GB/s, FP32 14.4 TFLOPS, PCIe 5.0 x16.',
  },
  {
    id: 'KL-XPUR',
    title: 'www.besthub.dev',
    url: 'https://www.besthub.dev/articles/how-kunlun-xpu-r-redefines-ai-compute-architecture-performance-and-future-trends-e7ab437ace26',
    date: null,
    detail:
      'https://www.besthub.dev/articles/how-kunlun-xpu-r-redefines-ai-compute-architecture-performance-and-future-trends-e7ab437ace26 : Kunlun XPU-R (2nd gen, used in R200) 7 nm, 256 TOPS.',
  },
  {
    id: 'BR-SURVEY',
    title: "AI-maintained survey 'Biren BR100/BR104 Hardware Architecture'",
    url: null,
    date: '2026-04-05',
    detail:
      "AI-maintained survey 'Biren BR100/BR104 Hardware Architecture' (as_of 2026-04-05/08-08; index id 69092190667; cites Hot Chips 34 deck): BR100 64 GB HBM2e 2.3 TB/s, FP32 256 / BF16 1024 TFLOPS / INT8 2048 TOPS, 550 W OAM, PCIe 5.0 x16 + CXL, BLink 8x64 GB/s=512 GB/s, 8/server; BR104 32 GB HBM2e 819 GB/s, FP32 128, ~BF16 512, ~INT8 1024, 300 W PCIe. Shipping parts are 壁砺 106/110/166 (no public FLOPS).",
  },
  {
    id: 'BR-NEWS',
    title: 'www.masterbitzreviewhn.com',
    url: 'https://www.masterbitzreviewhn.com/post/detalle-del-biren-br100-el-procesador-chino-de-ia-hpc-irrumpe-en-las-grandes-ligas-de-la-gpu-hpc',
    date: null,
    detail:
      'https://www.masterbitzreviewhn.com/post/detalle-del-biren-br100-el-procesador-chino-de-ia-hpc-irrumpe-en-las-grandes-ligas-de-la-gpu-hpc and https://chip.pl/2022/08/chinski-najpotezniejszy-procesor-graficzny-biren-100 : BR100 77B transistors, 64 GB HBM2E, 550 W, PCIe 5.0 x16 + CXL, FP32 256 / TF32+ 512 / BF16 1024 TFLOPS, INT8 2048 TOPS, no FP64.',
  },
  {
    id: 'GD-SURVEY',
    title: "AI-maintained survey 'Intel Gaudi — Software & Hardware Stack Summary'",
    url: null,
    date: '2026-08-08',
    detail:
      "AI-maintained survey 'Intel Gaudi — Software & Hardware Stack Summary' (last_updated 2026-08-08; index id 68966475693): Gaudi 3 128 GB HBM2e 3.7 TB/s, 1835 BF16 TFLOPS (OAM), 21x200GbE scale-up + 3x200GbE scale-out RoCE on-die, PCIe Gen5 x16, OAM HL-325L / PCIe HL-338, 8 cards per server, habana_frameworks.torch 'hpu', hl-smi; Gaudi 2 2.45 TB/s.",
  },
];
