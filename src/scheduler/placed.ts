/**
 * A bound job, as a cycle decides it: its placements and, per replica, why it went where it went.
 * The reasons are kept as numbers and names and written out as text only when first read: a
 * cycle binds thousands of jobs, and most explanations are never asked for.
 */
import type { ReplicaPlacement } from '../cluster/types.js';
import type { ScoreWeight } from './framework.js';
import { breakdown } from './placement-score.js';

/** Why one replica went to its node. */
export interface ReplicaReason {
  node: string;
  placement: ReplicaPlacement;
  score: number;
  /** Each score plugin's own score, in the profile's order. */
  scores: readonly number[];
  feasible: number;
  considered: number;
}

export class Placed {
  /** The topology scope the gang was placed in (`''`: anywhere). */
  scope = '';
  #details: string[] | undefined;
  /** The profile's score plugins and weights, to say what each score was made of. */
  readonly #weights: readonly ScoreWeight[];

  constructor(
    readonly jobId: string,
    readonly placements: ReplicaPlacement[],
    readonly reasons: readonly ReplicaReason[],
    weights: readonly ScoreWeight[],
  ) {
    this.#weights = weights;
  }

  /** Why it went where it went, a line per replica (after the scope's, when there is one). */
  get details(): string[] {
    this.#details ??= [
      ...(this.scope ? [`topology: all replicas in ${this.scope}`] : []),
      ...this.reasons.map((r, replica) => reasonText(r, replica, this.#weights)),
    ];
    return this.#details;
  }
}

function reasonText(r: ReplicaReason, replica: number, weights: readonly ScoreWeight[]): string {
  const p = r.placement;
  const devices = p.devices.map((d) => d.index).join(',');
  return (
    `replica ${replica} → ${r.node}${devices ? ` devices ${devices} (${p.model})` : ''}: ` +
    `score ${r.score.toFixed(1)} (${breakdown(weights, r.scores)}); ${r.feasible}/${r.considered} nodes feasible`
  );
}
