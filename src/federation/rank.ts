/**
 * Ranking of candidates by the job's objective, the line each one carries about why it won or
 * lost, and the refusal when none is feasible. Ties break on site, then model name, so a plan is
 * the same for the same inputs.
 */
import { duration, isoTime, money } from './format.js';
import type { Candidate, Prediction } from './types.js';

type Predicted = Candidate & { prediction: Prediction };

function byName(a: Candidate, b: Candidate): number {
  return a.site < b.site ? -1 : a.site > b.site ? 1 : a.model < b.model ? -1 : a.model > b.model ? 1 : 0;
}

export function compareCandidates(objective: 'cost' | 'time', a: Predicted, b: Predicted): number {
  const cost = a.prediction.cost - b.prediction.cost;
  const end = a.prediction.end - b.prediction.end;
  const first = objective === 'cost' ? cost : end;
  const second = objective === 'cost' ? end : cost;
  return first !== 0 ? first : second !== 0 ? second : byName(a, b);
}

function isPredicted(c: Candidate): c is Predicted {
  return c.prediction !== undefined;
}

/** Feasible best first, then infeasible with a prediction (earliest end first), then the rest by name. */
export function rankCandidates(objective: 'cost' | 'time', candidates: readonly Candidate[]): Candidate[] {
  const feasible = candidates.filter((c): c is Predicted => c.feasible && isPredicted(c));
  const predicted = candidates.filter((c): c is Predicted => !c.feasible && isPredicted(c));
  const rest = candidates.filter((c) => !isPredicted(c));
  return [
    ...feasible.sort((a, b) => compareCandidates(objective, a, b)),
    ...predicted.sort((a, b) => compareCandidates('time', a, b)),
    ...rest.sort(byName),
  ];
}

function label(c: Candidate): string {
  return `${c.site} (${c.model})`;
}

/** The reason a feasible candidate carries once `winner` is known (winner included). */
export function standingReason(objective: 'cost' | 'time', c: Predicted, winner: Predicted): string {
  const own = c.reason;
  if (c === winner) {
    return `chosen: ${objective === 'cost' ? 'cheapest feasible' : 'earliest feasible end'}; ${own}`;
  }
  const p = c.prediction;
  const w = winner.prediction;
  const costLine = `costs ${money(p.cost, p.currency)}, ${money(p.cost - w.cost, p.currency)} more than ${label(winner)}`;
  const endLine = `ends at ${isoTime(p.end)}, ${duration((p.end - w.end) / 1000)} after ${label(winner)}`;
  const why =
    objective === 'cost'
      ? p.cost > w.cost
        ? costLine
        : p.end > w.end
          ? `as cheap as ${label(winner)} but ${endLine}`
          : `tied with ${label(winner)}; lost on name order`
      : p.end > w.end
        ? endLine
        : p.cost > w.cost
          ? `ends with ${label(winner)} but ${costLine}`
          : `tied with ${label(winner)}; lost on name order`;
  return `lost: ${why}; ${own}`;
}

/** Why nothing is feasible, naming the best that could be had. */
export function refusalOf(
  candidates: readonly Candidate[],
  maxPricePerHour: number | undefined,
  deadline: number | undefined,
): string {
  if (candidates.length === 0) return 'no site offers a device model for the job';
  const predicted = candidates.filter(isPredicted);
  const withinCap = predicted.filter(
    (c) => maxPricePerHour === undefined || c.prediction.pricePerHour <= maxPricePerHour,
  );
  if (deadline !== undefined && withinCap.length > 0) {
    const earliest = [...withinCap].sort((a, b) => compareCandidates('time', a, b))[0]!;
    return `no site can finish by ${isoTime(deadline)}: the earliest is ${earliest.site} at ${isoTime(earliest.prediction.end)} (${earliest.model})`;
  }
  if (maxPricePerHour !== undefined && predicted.length > 0) {
    const cheapest = [...predicted].sort((a, b) => a.prediction.pricePerHour - b.prediction.pricePerHour)[0]!;
    const p = cheapest.prediction;
    return `no site fits the price cap of ${money(maxPricePerHour, p.currency)}/h: the cheapest is ${cheapest.site} at ${money(p.pricePerHour, p.currency)}/h (${cheapest.model})`;
  }
  const shown = candidates.slice(0, 5).map((c) => `${label(c)}: ${c.reason}`);
  const more = candidates.length > 5 ? `; and ${candidates.length - 5} more` : '';
  return `no site can run the job: ${shown.join('; ')}${more}`;
}
