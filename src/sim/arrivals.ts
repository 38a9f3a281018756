/**
 * The arrival sequence of one FGD experiment run: the pod list sorted by name and shuffled with
 * the run's seed, then inflated by uniform draws with replacement until the next draw would take
 * the total GPU request past `inflation` × capacity (a list already above that is cut down by
 * removing random pods instead). Pure.
 */
import { type Random, seededRandom, shuffleInPlace } from './prng.js';
import type { TracePod } from './trace.js';
import { podGpuMilli } from './trace-cluster.js';

export function arrivalSequence(
  pods: readonly TracePod[],
  seed: number,
  capacityMilli: number,
  inflation: number,
): TracePod[] {
  const random: Random = seededRandom(seed);
  const list = [...pods].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  shuffleInPlace(list, random);
  const limit = inflation * capacityMilli;
  let total = list.reduce((sum, pod) => sum + podGpuMilli(pod), 0);
  while (total > limit && list.length > 0) {
    const [removed] = list.splice(random.int(list.length), 1);
    total -= podGpuMilli(removed!);
  }
  if (pods.length === 0 || !pods.some((pod) => podGpuMilli(pod) > 0)) return list;
  for (;;) {
    const draw = pods[random.int(pods.length)]!;
    if (total + podGpuMilli(draw) > limit) break;
    list.push(draw);
    total += podGpuMilli(draw);
  }
  return list;
}

/** A random priority order over `count` nodes: ties between equal scores go to the earlier node. */
export function nodePriorityOrder(count: number, seed: number): number[] {
  return shuffleInPlace(
    Array.from({ length: count }, (_, i) => i),
    seededRandom((seed ^ 0x5bd1e995) >>> 0),
  );
}
