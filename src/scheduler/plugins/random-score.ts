import type { PluginDeps, ScorePlugin } from '../framework.js';

/** Plugin deps with a seed; the framework's PluginDeps would gain `seed`. */
export interface SeededDeps extends PluginDeps {
  seed?: number;
}

/** A 32-bit hash of a string mixed with a seed (FNV-1a, then a murmur3 finalizer). */
function hash(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A random feasible node: a seeded draw in [0, 100) per (job, node), so the same seed gives the
 * same choices and the score stays a pure function of its inputs. The baseline every packing
 * policy must beat.
 */
export function createRandomScore(seed: number): ScorePlugin {
  return {
    name: 'random',
    nameDependent: true,
    score: (job, { node }) => (hash(seed, `${job.id}\u0000${node.info.name}`) / 4294967296) * 100,
  };
}

export const randomScore = (deps: SeededDeps): ScorePlugin => createRandomScore(deps.seed ?? 0);
