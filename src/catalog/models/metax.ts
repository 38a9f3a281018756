/**
 * MetaX accelerator models. Facts and their source ids come from Junction's accelerator research
 * (see ../sources.ts); null = no source found, never an estimate.
 */
import type { AcceleratorModel } from '../types.js';

export const metaxModels: readonly AcceleratorModel[] = [
  {
    id: 'metax-c500',
    vendor: 'metax',
    name: 'C500 (曦云C500)',
    aliases: ['C500', 'MXC500'],
    memoryMiB: 65536,
    memoryBandwidthGBps: null,
    fp16Tflops: null,
    bf16Tflops: null,
    fp32Tflops: null,
    int8Tops: null,
    interconnectGBps: null,
    typicalPerNode: 8,
    tdpWatts: null,
    interconnect: 'MetaXLink (plus PCIe switch topologies)',
    formFactor: 'PCIe 5.0 (reported)',
    memoryType: 'HBM2e (reported)',
    gfxArch: null,
    stack: 'MACA',
    precisions: [],
    confidence: 'low',
    notes:
      'Capacity 64 GB appears only in aggregators (EVO, a PRD) - medium/low. Bandwidth 1.8 TB/s (EVO only) and FP16 (128 vs 250 TFLOPS in two unsourced docs) left null. HAMi topology-aware scheduling tested on MXC500; >25k C500 shipped (news).',
    sources: { memoryMiB: ['EVO'], typicalPerNode: ['MX-SGL'], interconnect: ['HAMI-DOC'], stack: ['MX-SGL', 'FG'] },
  },
  {
    id: 'metax-c550',
    vendor: 'metax',
    name: 'C550 (曦云C550)',
    aliases: ['C550'],
    memoryMiB: 65536,
    memoryBandwidthGBps: null,
    fp16Tflops: null,
    bf16Tflops: null,
    fp32Tflops: null,
    int8Tops: null,
    interconnectGBps: null,
    typicalPerNode: 8,
    tdpWatts: null,
    interconnect: 'MetaXLink',
    formFactor: null,
    memoryType: null,
    gfxArch: null,
    stack: 'MACA',
    precisions: [],
    confidence: 'low',
    notes: '64 GB per FengWu porting doc. Other specs unknown.',
    sources: { memoryMiB: ['FENGWU'], typicalPerNode: ['MX-SGL'], interconnect: ['HAMI-DOC'], stack: ['MX-SGL', 'FG'] },
  },
];
