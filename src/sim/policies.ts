/**
 * The placement policies the simulator compares, each a Junction profile (filter + score
 * points). Built per run, because some need the workload estimate or the run's seed.
 */
import type { FilterPlugin, ScorePlugin, ScoreWeight } from '../scheduler/framework.js';
import { createBestFit } from '../scheduler/plugins/best-fit.js';
import { capacityFit } from '../scheduler/plugins/capacity-fit.js';
import type { ShareDevicePicker } from '../scheduler/plugins/device-choice.js';
import { createDotProduct } from '../scheduler/plugins/dot-product.js';
import { createFgd } from '../scheduler/plugins/fgd.js';
import { createFragPack, FRAG_PACK_DEFAULTS } from '../scheduler/plugins/frag-pack.js';
import type { WorkloadMix } from '../scheduler/plugins/fragmentation.js';
import { createRandomScore } from '../scheduler/plugins/random-score.js';
import { spread } from '../scheduler/plugins/spread.js';
import { compileProfile, DEFAULT_PROFILE } from '../scheduler/profile.js';
import type { SimProfile } from './replay.js';
import { capacityFitWithPicker } from './share-device-filter.js';

export interface PolicyContext {
  /** The expected workload as the FGD paper estimates it (top 95 % of request shapes). */
  workload: WorkloadMix;
  /** Every request shape of the pod list, for frag-pack. */
  fullWorkload: WorkloadMix;
  seed: number;
}

type Build = (ctx: PolicyContext) => SimProfile;

/** The default profile's filters, with capacity-fit given the picker when there is one. */
function filters(picker?: ShareDevicePicker): FilterPlugin[] {
  const compiled = compileProfile(DEFAULT_PROFILE).filter;
  if (!picker) return compiled;
  return compiled.map((plugin) => (plugin.name === capacityFit.name ? capacityFitWithPicker(picker) : plugin));
}

function profile(
  name: string,
  score: ScorePlugin,
  options: { picker?: ShareDevicePicker; stateOnly?: boolean } = {},
): SimProfile {
  const weights: ScoreWeight[] = [{ plugin: score, weight: 1 }];
  return { name, filter: filters(options.picker), score: weights, stateOnly: options.stateOnly ?? true };
}

export const POLICIES: Record<string, Build> = {
  /**
   * Junction's default profile as the server compiles it (every filter and score of it, the device
   * step included), with the expected workload estimated from the pod list.
   */
  default: ({ fullWorkload }) => {
    const compiled = compileProfile(DEFAULT_PROFILE, { workload: fullWorkload });
    return { name: 'default', filter: compiled.filter, score: compiled.score, stateOnly: true };
  },
  fgd: ({ workload }) => {
    const plugin = createFgd(workload);
    return profile('fgd', plugin, { picker: plugin });
  },
  'frag-pack': ({ fullWorkload }) => {
    const plugin = createFragPack(fullWorkload);
    return profile('frag-pack', plugin, { picker: plugin });
  },
  /** frag-pack without its CPU-stranding term (the default before it), for reference. */
  'frag-pack-nocpu': ({ fullWorkload }) => {
    const plugin = createFragPack(fullWorkload, { ...FRAG_PACK_DEFAULTS, cpuBalance: 0 });
    return profile('frag-pack-nocpu', plugin, { picker: plugin });
  },
  'best-fit': () => profile('best-fit', createBestFit()),
  'dot-product': () => profile('dot-product', createDotProduct()),
  spread: () => profile('spread', spread),
  random: ({ seed }) => profile('random', createRandomScore(seed), { stateOnly: false }),
  /** The default profile with binpack in place of frag-pack (the default before frag-pack), for reference. */
  binpack: () => {
    const score = DEFAULT_PROFILE.score.map((s) =>
      s.name === 'frag-pack' ? { name: 'binpack', weight: s.weight } : s,
    );
    const compiled = compileProfile({ ...DEFAULT_PROFILE, name: 'binpack', score });
    return { name: 'binpack', filter: compiled.filter, score: compiled.score, stateOnly: true };
  },
};

export function policyNames(): string[] {
  return Object.keys(POLICIES);
}
