/**
 * Profiles: which plugins run at each extension point, and score weights. A profile is
 * compiled once (names resolved, weights checked) and only the compiled form is used.
 */
import type { Profile } from './framework.js';
import { admitPlugins, filterPlugins, orderPlugins, permitPlugins, scorePlugins } from './registry.js';

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
  filter: ['schedulable-node', 'site-filter', 'capacity-fit'],
  score: [
    { name: 'vendor-preference', weight: 10 },
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

function pick<T>(table: Record<string, T>, names: string[], path: string): T[] {
  return names.map((name, i) => {
    const plugin = table[name];
    if (!plugin) {
      const known = Object.keys(table).join(', ') || '(none)';
      throw new ProfileError(`${path}[${i}]`, `unknown plugin "${name}"; known: ${known}`);
    }
    return plugin;
  });
}

export function compileProfile(config: ProfileConfig): Profile {
  if (!config.filter.includes('capacity-fit')) {
    throw new ProfileError(`profiles.${config.name}.filter`, 'must include capacity-fit (it chooses the devices)');
  }
  const score = config.score.map((s, i) => {
    const path = `profiles.${config.name}.score[${i}]`;
    if (!(s.weight >= 0) || !Number.isFinite(s.weight))
      throw new ProfileError(`${path}.weight`, 'must be a number >= 0');
    const [plugin] = pick(scorePlugins, [s.name], `${path}.name`);
    return { plugin: plugin!, weight: s.weight };
  });
  return {
    name: config.name,
    order: pick(orderPlugins, config.order, `profiles.${config.name}.order`),
    admit: pick(admitPlugins, config.admit, `profiles.${config.name}.admit`),
    filter: pick(filterPlugins, config.filter, `profiles.${config.name}.filter`),
    score,
    permit: pick(permitPlugins, config.permit, `profiles.${config.name}.permit`),
  };
}
