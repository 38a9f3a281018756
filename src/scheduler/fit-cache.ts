import type { FitResult } from '../cluster/fit.js';

/** Cycle-state key under which capacity-fit leaves its per-node device choice for the current replica. */
export const FIT_KEY = 'capacity-fit/choice';
export type FitCache = Map<string, FitResult>;
