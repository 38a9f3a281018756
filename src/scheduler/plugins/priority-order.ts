import { PRIORITY_VALUE } from '../../spec/types.js';
import type { OrderPlugin } from '../framework.js';

/** Higher priority first; FIFO by submission time within a priority; id breaks ties deterministically. */
export const priorityOrder = {
  name: 'priority-order',
  compare(a, b) {
    return (
      PRIORITY_VALUE[b.spec.priority] - PRIORITY_VALUE[a.spec.priority] ||
      a.submittedAt - b.submittedAt ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
    );
  },
} as const satisfies OrderPlugin;
