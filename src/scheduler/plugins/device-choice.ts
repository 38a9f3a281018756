import type { NodeState } from '../../cluster/state.js';
import type { PendingJob } from '../framework.js';

/**
 * Which device of a node a share goes on, when a score plugin cares (fragmentation-aware
 * scoring scores a node by its best device, so it must also choose that device).
 *
 * Contract: called with the indexes of the node's devices that can take the share (ascending,
 * never empty); returns one of them. Pure and idempotent, like a score. capacity-fit's own
 * choice (the best fit by memory) applies when a profile names no picker.
 *
 * This is the proposed `device` extension point of the framework; until the framework has it,
 * src/sim applies pickers through a capacity-fit wrapper.
 */
export interface ShareDevicePicker {
  readonly name: string;
  pickShareDevice(job: PendingJob, node: NodeState, fitting: readonly number[]): number;
}
