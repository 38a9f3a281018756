import { siteOffers } from '../../federation/offers.js';
import { planPlacement } from '../../federation/plan.js';
import type { Plan } from '../../federation/types.js';
import type { CycleContext, PendingJob, PluginDeps, ScorePlugin } from '../framework.js';

export const SITE_PLAN = 'site-plan';
const PLAN_KEY = 'site-plan/plans';

/**
 * The federation's choice as a score: the job's `placement.objective` (cost or time) ranks every
 * (site, model) it could use; the first choice scores 100, each later one less, infeasible ones 0.
 * One plan per job per cycle, kept in the cycle state. Without site terms or an adaptation
 * center it is neutral.
 */
export function sitePlan(deps: PluginDeps): ScorePlugin {
  const { siteTerms, compat } = deps;
  return {
    name: SITE_PLAN,
    // The plan reads every site's free capacity, which the cycle's binds change.
    dynamic: siteTerms !== undefined && compat !== undefined,
    score(job, { placement }, ctx) {
      if (!siteTerms || !compat || !placement.model) return 100;
      const plan = planOf(job, ctx, () =>
        planPlacement(job.spec, siteOffers(ctx.cluster, siteTerms()), compat, ctx.now),
      );
      const rank = plan.ranked.findIndex((c) => c.feasible && c.site === placement.site && c.model === placement.model);
      return rank === -1 ? 0 : 100 / (1 + rank);
    },
  };
}

function planOf(job: PendingJob, ctx: CycleContext, make: () => Plan): Plan {
  let plans = ctx.cycle.read<Map<string, Plan>>(PLAN_KEY);
  if (!plans) {
    plans = new Map();
    ctx.cycle.write(PLAN_KEY, plans);
  }
  let plan = plans.get(job.id);
  if (!plan) {
    plan = make();
    plans.set(job.id, plan);
  }
  return plan;
}
