/**
 * The adaptation center in the scheduling cycle, through the read-only CompatOracle in PluginDeps.
 * - filter `compatibility`: a node passes when at least one of its device models may run the job; otherwise
 *   `unresolvable`, with each model's refusal ("hygon-dcu-k100_ai: no verdict for pytorch >=2.1 bf16 on DTK
 *   (compat: strict)").
 * - score `predicted-throughput`: the placement's model's predicted relative throughput, as a share of the
 *   best throughput any allowed model offers this job (0..100).
 * Without an oracle both are no-ops: every node passes and every placement scores the same. The per-job
 * answer is cached in the cycle state, never on the plugin.
 */
import type { CompatOptions, CycleContext, FilterPlugin, PendingJob, PluginDeps, ScorePlugin } from '../framework.js';
import { SUCCESS, status } from '../framework.js';

export const COMPATIBILITY = 'compatibility';
export const PREDICTED_THROUGHPUT = 'predicted-throughput';

/** Cycle-state key of the per-job answers: job id → options and the best throughput among them. */
export const COMPAT_KEY = 'compatibility/options';

interface CompatEntry {
  options: CompatOptions;
  maxThroughput: number;
}
export type CompatCache = Map<string, CompatEntry>;

/** Every placement scores this when there is nothing to tell placements apart. */
const NEUTRAL_SCORE = 100;

function entryFor(job: PendingJob, ctx: CycleContext, deps: Required<PluginDeps>): CompatEntry {
  let cache = ctx.cycle.read<CompatCache>(COMPAT_KEY);
  if (!cache) {
    cache = new Map();
    ctx.cycle.write(COMPAT_KEY, cache);
  }
  const cached = cache.get(job.id);
  if (cached) return cached;
  const options = deps.compat.options(job.spec);
  let maxThroughput = 0;
  for (const o of options.allowed.values()) maxThroughput = Math.max(maxThroughput, o.throughput);
  const entry = { options, maxThroughput };
  cache.set(job.id, entry);
  return entry;
}

function hasOracle(deps: PluginDeps): deps is Required<PluginDeps> {
  return deps.compat !== undefined;
}

export function compatibility(deps: PluginDeps): FilterPlugin {
  return {
    name: COMPATIBILITY,
    filter(job, node, ctx) {
      if (!hasOracle(deps) || job.spec.resources.perReplica.accelerators.kind === 'none') return SUCCESS;
      const models = [...new Set(node.devices.map((d) => d.info.model))];
      if (models.length === 0) return SUCCESS;
      const { options } = entryFor(job, ctx, deps);
      if (models.some((m) => options.allowed.has(m))) return SUCCESS;
      const reasons = models.map((m) => `${m}: ${options.refused.get(m) ?? 'no verdict (model not in the catalog)'}`);
      return status('unresolvable', COMPATIBILITY, reasons.join('; '));
    },
  };
}

export function predictedThroughput(deps: PluginDeps): ScorePlugin {
  return {
    name: PREDICTED_THROUGHPUT,
    score(job, { placement }, ctx) {
      if (!hasOracle(deps) || !placement.model) return NEUTRAL_SCORE;
      const { options, maxThroughput } = entryFor(job, ctx, deps);
      const option = options.allowed.get(placement.model);
      if (!option || maxThroughput <= 0) return 0;
      return Math.min(100, (100 * option.throughput) / maxThroughput);
    },
  };
}
