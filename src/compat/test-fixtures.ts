/** Hand-built specs and verdicts for compat tests. */
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
  const workload: CompiledJobSpec['workload'] = {
    framework: { name: 'pytorch', version: options.version ?? '>=2.1' },
    precision: options.precision ?? ['bf16'],
    image: options.image ?? 'auto',
    command: ['python', 'train.py'],
    env: {},
    class: options.workloadClass ?? 'training',
    compat: options.compat ?? 'strict',
  };
  return {
    apiVersion: 'junction/v1',
    kind: 'Job',
    name: 'finetune',
    labels: {},
    queue: 'default',
    priority: 'normal',
    workload,
    resources: {
      replicas: 1,
      perReplica: {
        cpuMillis: 1000,
        memoryMiB: 1024,
        accelerators:
          options.accelerators === false
            ? { kind: 'none', count: 0, minMemoryMiB: 0, vendors: [], models: [], topology: 'any' }
            : { kind: 'whole', count: 1, minMemoryMiB: 0, vendors: [], models: [], topology: 'any' },
      },
    },
    placement: { objective: 'cost', sites: [], nodes: [], regions: [] },
    runtime: { retries: 0, preemptible: false, gracePeriodSeconds: 10 },
  };
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
