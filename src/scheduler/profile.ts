/**
 * Profiles: which plugins run at each extension point, and score weights. A profile is
 * compiled once (names resolved, weights checked) and only the compiled form is used.
 */
import type { PluginDeps, Profile } from './framework.js';
import { admitPlugins, type Factory, filterPlugins, orderPlugins, permitPlugins, scorePlugins } from './registry.js';

export interface ProfileConfig {
  name: string;
  order: string[];
  admit: string[];
  filter: string[];
  score: { name: string; weight: number }[];
  permit: string[];
}

export const DEFAULT_PROFILE: ProfileConfig = {
  name: 'default',
  order: ['priority-order'],
  admit: [],
  // Cheap checks first; capacity-fit last because it also picks the devices.
  filter: ['schedulable-node', 'placement-filter', 'compatibility', 'capacity-fit'],
  score: [
    { name: 'vendor-preference', weight: 10 },
    { name: 'predicted-throughput', weight: 2 },
    { name: 'binpack', weight: 3 },
    { name: 'keep-accelerators-free', weight: 2 },
  ],
  permit: ['topology'],
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

/** Resolves plugin names once; `deps` carries read-only knowledge some plugins need. */
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
  return {
    name: config.name,
    order: pick(orderPlugins, config.order, `profiles.${config.name}.order`, deps),
    admit: pick(admitPlugins, config.admit, `profiles.${config.name}.admit`, deps),
    filter: pick(filterPlugins, config.filter, `profiles.${config.name}.filter`, deps),
    score,
    permit: pick(permitPlugins, config.permit, `profiles.${config.name}.permit`, deps),
  };
}
