/** Moved to the scheduler (the framework's device step); re-exported for the simulator's callers. */
export { capacityFitWithPicker } from '../scheduler/plugins/share-device-filter.js';
