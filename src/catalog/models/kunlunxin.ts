/**
 * Kunlunxin accelerator models. Facts and their source ids come from Junction's accelerator research
 * (see ../sources.ts); null = no source found, never an estimate.
 */
import type { AcceleratorModel } from '../types.js';

export const kunlunxinModels: readonly AcceleratorModel[] = [
  {
    id: 'kunlunxin-r200',
    vendor: 'kunlunxin',
    name: 'R200',
    aliases: ['R200'],
    memoryMiB: null,
    memoryBandwidthGBps: null,
    fp16Tflops: null,
    bf16Tflops: null,
    fp32Tflops: null,
    int8Tops: 256,
    interconnectGBps: null,
    typicalPerNode: null,
    tdpWatts: null,
    interconnect: null,
    formFactor: 'PCIe',
    memoryType: null,
    gfxArch: null,
    stack: 'XRE',
    precisions: ['int8'],
    confidence: 'low',
    notes:
      'Based on 2nd-gen Kunlun (XPU-R, 7 nm) chip: 256 TOPS (INT8, chip-level per KL-XPUR). Card memory/bandwidth/FP16/TDP not confirmed by a fetched source.',
    sources: { int8Tops: ['KL-XPUR'], stack: ['HAMI-DOC', 'KL-ENV'], precisions: ['KL-XPUR'] },
  },
  {
    id: 'kunlunxin-p800',
    vendor: 'kunlunxin',
    name: 'P800 (P800-OAM)',
    aliases: ['P800'],
    memoryMiB: 98304,
    memoryBandwidthGBps: null,
    fp16Tflops: null,
    bf16Tflops: null,
    fp32Tflops: null,
    int8Tops: null,
    interconnectGBps: null,
    typicalPerNode: null,
    tdpWatts: null,
    interconnect: null,
    formFactor: 'OAM',
    memoryType: null,
    gfxArch: null,
    stack: 'XRE',
    precisions: [],
    confidence: 'medium',
    notes:
      'HAMi hard-codes Devmem 98304 MiB (=96 GiB) and partitions at 24576 MiB (1/4) and 49152 MiB (1/2). Other specs unknown.',
    sources: { memoryMiB: ['HAMI-CODE', 'HAMI-DOC'], stack: ['HAMI-DOC', 'KL-ENV'] },
  },
];
