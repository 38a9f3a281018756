/**
 * `priority-preempt`: a job may evict lower-priority preemptible jobs of its own queue (the action
 * already limits victims to lower priority and preemptible). Across queues only reclaim
 * (`queue-quota`) may evict, so one queue's priorities never eat another queue's guarantee; without
 * configured queues there is one pool and any queue's jobs qualify.
 */
import type { PluginDeps, PreemptPlugin } from '../framework.js';

export const PRIORITY_PREEMPT = 'priority-preempt';

export function priorityPreempt(deps: PluginDeps): PreemptPlugin {
  const oneQueue = (deps.queues?.length ?? 0) === 0;
  return {
    name: PRIORITY_PREEMPT,
    mayEvict(preemptor, victim) {
      if (!oneQueue && victim.queue !== preemptor.queue) return null;
      return `priority: ${victim.priority} preemptible job yields to ${preemptor.spec.priority}`;
    },
  };
}
