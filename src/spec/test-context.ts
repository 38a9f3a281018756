import type { SpecContext } from './context.js';

/**
 * A small hand-built SpecContext for tests and examples: a few vendors with aliases and a
 * few catalog models with their common names.
 */
export function testSpecContext(): SpecContext {
  const vendorAliases: Record<string, string> = {
    nvidia: 'nvidia',
    nv: 'nvidia',
    amd: 'amd',
    hygon: 'hygon',
    dcu: 'hygon',
    huawei: 'huawei',
    ascend: 'huawei',
  };
  const modelAliases: Record<string, string> = {
    'nvidia-h100-sxm': 'nvidia-h100-sxm',
    h100: 'nvidia-h100-sxm',
    'nvidia-a100-80g': 'nvidia-a100-80g',
    a100: 'nvidia-a100-80g',
    'hygon-k100-ai': 'hygon-k100-ai',
    k100_ai: 'hygon-k100-ai',
    'huawei-ascend-910b': 'huawei-ascend-910b',
    '910b': 'huawei-ascend-910b',
  };
  const canonical = (table: Record<string, string>) => [...new Set(Object.values(table))];
  return {
    resolveVendor: (name) => vendorAliases[name.toLowerCase()],
    vendorNames: () => canonical(vendorAliases),
    resolveModel: (name) => modelAliases[name.toLowerCase()],
    modelNames: () => canonical(modelAliases),
  };
}
