/**
 * The accelerator catalog's shapes. Plain data: every number is a vendor peak or nominal figure from a cited
 * source, null when no source gave it (never an estimate). Units are in the field names.
 */

export type Precision = 'fp32' | 'tf32' | 'fp16' | 'bf16' | 'fp8' | 'int8';

export type Confidence = 'high' | 'medium' | 'low';

/** The fields of AcceleratorModel that carry facts, and so may carry source ids. */
export type SourcedField =
  | 'memoryMiB'
  | 'memoryBandwidthGBps'
  | 'fp16Tflops'
  | 'bf16Tflops'
  | 'fp32Tflops'
  | 'int8Tops'
  | 'interconnect'
  | 'interconnectGBps'
  | 'typicalPerNode'
  | 'tdpWatts'
  | 'formFactor'
  | 'memoryType'
  | 'gfxArch'
  | 'stack'
  | 'precisions';

/** A public on-demand or spot price for one accelerator-hour (host CPU and memory included, as sold). */
export interface PricePoint {
  usdPerHour: number;
  provider: string;
  sku: string;
  region: string | null;
  pricing: string;
  /** When the source read the provider's page (YYYY-MM-DD); null when the source is undated. */
  date: string | null;
  source: string;
}

export interface AcceleratorModel {
  /** Stable catalog id, e.g. `nvidia-h100-sxm`, `hygon-dcu-k100_ai`, `huawei-ascend-910b3`. */
  id: string;
  /** Canonical vendor id (src/vendors/registry.ts). */
  vendor: string;
  name: string;
  /** Other names users and tools write for this model; findModel() matches them ignoring case and separators. */
  aliases: string[];
  /** Per device as the vendor states it (a dual-die card such as MI250X is stated per card; see notes). */
  memoryMiB: number | null;
  memoryBandwidthGBps: number | null;
  /** Dense peak (tensor/matrix units where the vendor has them). */
  fp16Tflops: number | null;
  bf16Tflops: number | null;
  fp32Tflops: number | null;
  int8Tops: number | null;
  /** Intra-node link as the sources name it, e.g. `NVLink 4`, `HCCS`, `none (PCIe 3.0 x16)`. */
  interconnect: string | null;
  interconnectGBps: number | null;
  typicalPerNode: number | null;
  tdpWatts: number | null;
  formFactor: string | null;
  memoryType: string | null;
  /** LLVM offload architecture, for HIP-based stacks (AMD, Hygon). */
  gfxArch: string | null;
  /** Software stack name, the same as the vendor adapter's `stack` (CUDA, ROCm, DTK, CANN, ...). */
  stack: string;
  /** Precisions a source states the model runs. Absence means "not stated", not "unsupported" (see notes). */
  precisions: Precision[];
  confidence: Confidence;
  notes: string;
  /** Source ids (see sources.ts) for each fact that has one. */
  sources: Partial<Record<SourcedField, string[]>>;
}

export interface CatalogSource {
  id: string;
  title: string;
  url: string | null;
  /** The date the source states or was read on (YYYY-MM-DD or YYYY-MM); null when unknown. */
  date: string | null;
  /** What the source was found to say. */
  detail: string;
}
