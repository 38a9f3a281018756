/**
 * The adaptation center as the scheduler sees it (CompatOracle in src/scheduler/framework.ts). Read-only:
 * the knowledge base and models are fixed when the oracle is made; a new knowledge base means a new oracle.
 * Answers are memoized per spec object, so every replica and every node of a cycle share one resolution.
 */
import { type AcceleratorModel, allModels } from '../catalog/index.js';
import type { CompatOption, CompatOptions, CompatOracle } from '../scheduler/framework.js';
import type { CompiledJobSpec } from '../spec/types.js';
import { type RunnableOption, resolve } from './resolver.js';
import type { KnowledgeBase } from './types.js';

function toCompatOption(o: RunnableOption): CompatOption {
  const out: CompatOption = {
    status: o.status,
    throughput: o.throughput.value,
    estimated: o.throughput.estimated,
    stack: o.stack,
    stackVersion: o.stackVersion,
    evidence: o.status === 'unknown' ? `${o.explanation}; ${o.evidence}` : o.evidence,
  };
  if (o.image !== undefined) out.image = o.image;
  if (Object.keys(o.env).length > 0) out.env = o.env;
  return out;
}

export function createCompatOracle(kb: KnowledgeBase, models: readonly AcceleratorModel[] = allModels()): CompatOracle {
  const memo = new WeakMap<CompiledJobSpec, CompatOptions>();
  return {
    options(spec) {
      const cached = memo.get(spec);
      if (cached) return cached;
      const { options, refused } = resolve(spec, kb, models);
      const result: CompatOptions = {
        allowed: new Map(options.map((o) => [o.model, toCompatOption(o)])),
        refused: new Map(refused.map((r) => [r.model, r.reason])),
      };
      memo.set(spec, result);
      return result;
    },
  };
}
