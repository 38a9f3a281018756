/**
 * Relative throughput per (workload class, device model), 1 = the reference device (NVIDIA A100 80GB).
 * Measured when a verdict or its evidence carries a measurement for the class; otherwise a prior from the
 * catalog's vendor peaks, marked `estimated`: dense BF16/FP16 matrix TFLOPS for compute-bound training,
 * memory bandwidth for memory-bound inference. Peaks overstate what any framework reaches, and by different
 * amounts per vendor, which is why a measurement always wins over a prior.
 */
import { type AcceleratorModel, allModels, getModel } from '../catalog/index.js';
import { relativeThroughputMetric, type Verdict, type WorkloadClass } from './types.js';

export const REFERENCE_MODEL_ID = 'nvidia-a100-80gb';

/**
 * Used when the catalog has no peak for a model. Low on purpose: an unmeasured device without published
 * figures should not attract work ahead of devices whose figures are known.
 */
export const DEFAULT_RELATIVE_THROUGHPUT = 0.25;

export interface ThroughputEstimate {
  value: number;
  estimated: boolean;
  workloadClass: WorkloadClass;
  basis: 'measured' | 'catalog-peak' | 'default';
  /** Why the value is what it is, for explanations. */
  note: string;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function trainingPeak(model: AcceleratorModel, precisions: readonly string[]): number | null {
  const fp16First = precisions.includes('fp16') && !precisions.includes('bf16');
  return fp16First ? (model.fp16Tflops ?? model.bf16Tflops) : (model.bf16Tflops ?? model.fp16Tflops);
}

function peakOf(model: AcceleratorModel, workloadClass: WorkloadClass, precisions: readonly string[]): number | null {
  return workloadClass === 'training' ? trainingPeak(model, precisions) : model.memoryBandwidthGBps;
}

/** The prior from catalog peaks, normalised to the reference device. */
export function priorThroughput(
  model: AcceleratorModel,
  workloadClass: WorkloadClass,
  precisions: readonly string[] = [],
  reference: AcceleratorModel | undefined = getModel(REFERENCE_MODEL_ID),
): ThroughputEstimate {
  const peak = peakOf(model, workloadClass, precisions);
  const refPeak = reference ? peakOf(reference, workloadClass, precisions) : null;
  const what = workloadClass === 'training' ? 'matrix TFLOPS' : 'memory bandwidth';
  if (peak === null || refPeak === null || refPeak <= 0) {
    return {
      value: DEFAULT_RELATIVE_THROUGHPUT,
      estimated: true,
      workloadClass,
      basis: 'default',
      note: `no published peak ${what} for ${model.id}; conservative default ${DEFAULT_RELATIVE_THROUGHPUT}`,
    };
  }
  return {
    value: round(peak / refPeak),
    estimated: true,
    workloadClass,
    basis: 'catalog-peak',
    note: `estimated from peak ${what} (${peak} vs ${refPeak} on ${reference?.id})`,
  };
}

/** A measurement for the class carried by the verdict or its passing evidence (newest first). */
export function measuredThroughput(verdict: Verdict, workloadClass: WorkloadClass): ThroughputEstimate | undefined {
  const rt = verdict.relativeThroughput;
  if (rt && !rt.estimated && rt.workloadClass === workloadClass) {
    return { value: rt.value, estimated: false, workloadClass, basis: 'measured', note: 'measured' };
  }
  const metric = relativeThroughputMetric(workloadClass);
  const measured = verdict.evidence
    .filter((e) => e.measured?.metric === metric && e.outcome !== 'fail')
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))[0];
  if (!measured?.measured) return undefined;
  const where = measured.node ? ` on ${measured.node}` : '';
  return {
    value: measured.measured.value,
    estimated: false,
    workloadClass,
    basis: 'measured',
    note: `measured ${measured.date}${where}`,
  };
}

/** Measured when the verdict has it, else the catalog prior. */
export function predictThroughput(
  modelId: string,
  workloadClass: WorkloadClass,
  verdict?: Verdict,
  precisions: readonly string[] = [],
  models: readonly AcceleratorModel[] = allModels(),
): ThroughputEstimate {
  const measured = verdict ? measuredThroughput(verdict, workloadClass) : undefined;
  if (measured) return measured;
  const model = models.find((m) => m.id === modelId) ?? getModel(modelId);
  if (!model) {
    return {
      value: DEFAULT_RELATIVE_THROUGHPUT,
      estimated: true,
      workloadClass,
      basis: 'default',
      note: `${modelId} is not in the catalog; conservative default ${DEFAULT_RELATIVE_THROUGHPUT}`,
    };
  }
  return priorThroughput(model, workloadClass, precisions);
}
