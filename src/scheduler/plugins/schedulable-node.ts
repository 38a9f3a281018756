import { type FilterPlugin, SUCCESS, status } from '../framework.js';

/** Cordoned nodes take no new work. */
export const schedulableNode = {
  name: 'schedulable-node',
  filter(_job, node) {
    return node.info.schedulable ? SUCCESS : status('unschedulable', 'schedulable-node', 'node is cordoned');
  },
} as const satisfies FilterPlugin;
