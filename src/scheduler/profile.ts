/**
 * Profiles: which plugins run at each extension point, and score weights. A profile is
 * compiled once (names resolved, weights checked) and only the compiled form is used.
 */
import type { BackfillMode, PluginDeps, Profile, ScorePlugin } from './framework.js';
import { capacityFit } from './plugins/capacity-fit.js';
import type { ShareDevicePicker } from './plugins/device-choice.js';
import { capacityFitWithPicker } from './plugins/share-device-filter.js';
import { QueueBook } from './queues.js';
import {
  admitPlugins,
  type Factory,
  filterPlugins,
  orderPlugins,
  permitPlugins,
  preemptPlugins,
  queueOrderPlugins,
  scorePlugins,
} from './registry.js';

export interface ProfileConfig {
  name: string;
  order: string[];
  admit: string[];
  filter: string[];
  score: { name: string; weight: number }[];
  permit: string[];
  /** Queue-order plugins (e.g. fair-share); none = one global `order`. */
  queueOrder?: string[];
  /** Preempt plugins; none = no preemption. */
  preempt?: string[];
  /** Default `any-fit`. */
  backfill?: BackfillMode;
}

export const DEFAULT_PROFILE: ProfileConfig = {
  name: 'default',
  order: ['priority-order'],
  admit: [],
  // Cheap checks first; capacity-fit last because it also picks the devices.
  filter: ['schedulable-node', 'placement-filter', 'compatibility', 'capacity-fit'],
  // User preferences first; among equally preferred placements, fragmentation-aware packing
  // (frag-pack, which also picks a share's device; see bench/packing.ts for how it was chosen).
  score: [
    { name: 'vendor-preference', weight: 10 },
    { name: 'site-plan', weight: 5 },
    { name: 'predicted-throughput', weight: 2 },
    { name: 'frag-pack', weight: 3 },
    { name: 'keep-accelerators-free', weight: 2 },
  ],
  permit: ['topology'],
};

/**
 * Queues with guarantees: quota and borrowing at admit, filter and permit; weighted DRF across
 * tenants and queues (priority, then FIFO, within a queue); preemption by priority within a queue
 * and reclaim of borrowed quota across queues; backfill that never delays the first blocked job.
 */
export const FAIR_PROFILE: ProfileConfig = {
  ...DEFAULT_PROFILE,
  name: 'fair',
  queueOrder: ['fair-share'],
  admit: ['queue-quota'],
  filter: [...DEFAULT_PROFILE.filter, 'queue-quota'],
  permit: [...DEFAULT_PROFILE.permit, 'queue-quota'],
  preempt: ['priority-preempt', 'queue-quota'],
  backfill: 'reserve-head',
};

/** Fragmentation Gradient Descent as published (USENIX ATC '23), for comparison. */
export const FGD_PROFILE: ProfileConfig = { ...DEFAULT_PROFILE, name: 'fgd', score: [{ name: 'fgd', weight: 1 }] };

/** Junction's fragmentation-aware packing score. */
export const PACKING_PROFILE: ProfileConfig = {
  ...DEFAULT_PROFILE,
  name: 'packing',
  score: [
    { name: 'vendor-preference', weight: 10 },
    { name: 'frag-pack', weight: 1 },
  ],
};

/** Named profiles, for configuration, comparisons and benchmarks. */
export const PROFILES: Readonly<Record<string, ProfileConfig>> = {
  default: DEFAULT_PROFILE,
  fair: FAIR_PROFILE,
  fgd: FGD_PROFILE,
  packing: PACKING_PROFILE,
};

export class ProfileError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'ProfileError';
  }
}

function pick<T>(table: Record<string, Factory<T>>, names: string[], path: string, deps: PluginDeps): T[] {
  return names.map((name, i) => {
    const factory = table[name];
    if (!factory) {
      const known = Object.keys(table).join(', ') || '(none)';
      throw new ProfileError(`${path}[${i}]`, `unknown plugin "${name}"; known: ${known}`);
    }
    return factory(deps);
  });
}

/**
 * Resolves plugin names once; `deps` carries read-only knowledge some plugins need. Queues in
 * `deps` are validated here (QueueConfigError names the field) and make the cycle keep a usage view.
 */
export function compileProfile(config: ProfileConfig, deps: PluginDeps = {}): Profile {
  if (!config.filter.includes('capacity-fit')) {
    throw new ProfileError(`profiles.${config.name}.filter`, 'must include capacity-fit (it chooses the devices)');
  }
  const score = config.score.map((s, i) => {
    const path = `profiles.${config.name}.score[${i}]`;
    if (!(s.weight >= 0) || !Number.isFinite(s.weight))
      throw new ProfileError(`${path}.weight`, 'must be a number >= 0');
    const [plugin] = pick(scorePlugins, [s.name], `${path}.name`, deps);
    return { plugin: plugin!, weight: s.weight };
  });
  const backfill = config.backfill ?? 'any-fit';
  if (backfill !== 'any-fit' && backfill !== 'reserve-head') {
    throw new ProfileError(`profiles.${config.name}.backfill`, 'must be any-fit or reserve-head');
  }
  const queues = deps.queues && deps.queues.length > 0 ? deps.queues : undefined;
  if (queues) new QueueBook(queues);
  // The device step: a score plugin that also picks a share's device (it scores a node by its best
  // device) makes capacity-fit choose that device, so scoring and binding agree.
  const picker = score.map((s) => s.plugin).find(isShareDevicePicker);
  const filter = pick(filterPlugins, config.filter, `profiles.${config.name}.filter`, deps).map((f) =>
    picker && f.name === capacityFit.name ? capacityFitWithPicker(picker) : f,
  );
  const profile: Profile = {
    name: config.name,
    order: pick(orderPlugins, config.order, `profiles.${config.name}.order`, deps),
    admit: pick(admitPlugins, config.admit, `profiles.${config.name}.admit`, deps),
    filter,
    score,
    permit: pick(permitPlugins, config.permit, `profiles.${config.name}.permit`, deps),
    queueOrder: pick(queueOrderPlugins, config.queueOrder ?? [], `profiles.${config.name}.queueOrder`, deps),
    preempt: pick(preemptPlugins, config.preempt ?? [], `profiles.${config.name}.preempt`, deps),
    backfill,
  };
  return queues ? { ...profile, queues } : profile;
}

function isShareDevicePicker(plugin: ScorePlugin): plugin is ScorePlugin & ShareDevicePicker {
  return typeof (plugin as Partial<ShareDevicePicker>).pickShareDevice === 'function';
}
