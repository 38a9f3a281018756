/** Hand-built specs and verdicts for compat tests. */
import { compiledSpec } from '../spec/testing.js';
import type { CompiledJobSpec } from '../spec/types.js';
import type { Verdict } from './types.js';

export function pytorchJob(
  options: {
    version?: string;
    precision?: string[];
    compat?: 'strict' | 'permissive';
    image?: CompiledJobSpec['workload']['image'];
    accelerators?: boolean;
    workloadClass?: CompiledJobSpec['workload']['class'];
  } = {},
): CompiledJobSpec {
  return compiledSpec({
    name: 'finetune',
    workload: {
      framework: { name: 'pytorch', version: options.version ?? '>=2.1' },
      precision: options.precision ?? ['bf16'],
      image: options.image ?? 'auto',
      command: ['python', 'train.py'],
      class: options.workloadClass ?? 'training',
      compat: options.compat ?? 'strict',
    },
    perReplica: {
      cpuMillis: 1000,
      memoryMiB: 1024,
      accelerators: options.accelerators === false ? {} : { kind: 'whole', count: 1 },
    },
  });
}

export function verdict(model: string, overrides: Partial<Verdict> = {}): Verdict {
  return {
    model,
    stack: 'DTK',
    stackVersion: '24.04',
    framework: 'pytorch',
    frameworkVersion: '2.1.0',
    status: 'verified',
    capabilities: { bf16: 'verified' },
    caveats: [],
    evidence: [
      { kind: 'probe', title: 'torch probe', date: '2026-11-20', node: 'node-0', site: 'east-dcu', outcome: 'pass' },
    ],
    ...overrides,
  };
}
