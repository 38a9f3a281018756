/**
 * Site selection: every (site, model) the job could use, predicted and ranked by the job's
 * objective. Pure: `now` is a parameter (epoch ms) and the same inputs give the same plan.
 */
import { predictThroughput, REFERENCE_MODEL_ID } from '../compat/throughput.js';
import type { CompatOracle } from '../scheduler/framework.js';
import type { CompiledJobSpec } from '../spec/types.js';
import { predictCandidate, type WorkEstimate } from './predict.js';
import { rankCandidates, refusalOf, standingReason } from './rank.js';
import type { Candidate, Plan, Prediction, SiteOffer } from './types.js';

/** Assumed when the job gives no work estimate. */
export const DEFAULT_REFERENCE_SECONDS = 3600;

function workEstimate(
  spec: CompiledJobSpec,
  compat: ReturnType<CompatOracle['options']>,
  notes: string[],
): WorkEstimate {
  const given = spec.workload.estimate;
  const referenceModel = given?.referenceModel ?? REFERENCE_MODEL_ID;
  const referenceSeconds = given?.referenceSeconds ?? DEFAULT_REFERENCE_SECONDS;
  if (!given) notes.push(`no work estimate: assumed 1 h on ${referenceModel}`);
  const known = compat.allowed.get(referenceModel)?.throughput;
  if (known !== undefined && known > 0) return { referenceSeconds, referenceModel, referenceThroughput: known };
  if (referenceModel === REFERENCE_MODEL_ID) return { referenceSeconds, referenceModel, referenceThroughput: 1 };
  const prior = predictThroughput(referenceModel, spec.workload.class, undefined, spec.workload.precision);
  notes.push(`reference model ${referenceModel} has no verdict for this job: ${prior.note}`);
  return { referenceSeconds, referenceModel, referenceThroughput: prior.value };
}

function modelsAt(offer: SiteOffer): string[] {
  const models = new Set([...offer.prices.map((p) => p.model), ...Object.keys(offer.totalDevices)]);
  return [...models].sort();
}

function parseDeadline(spec: CompiledJobSpec): number | undefined {
  const text = spec.placement.deadline;
  if (text === undefined) return undefined;
  const at = Date.parse(text);
  return Number.isFinite(at) ? at : undefined;
}

export function planPlacement(
  spec: CompiledJobSpec,
  offers: readonly SiteOffer[],
  compat: CompatOracle,
  now: number,
): Plan {
  const notes: string[] = [];
  const options = compat.options(spec);
  const work = workEstimate(spec, options, notes);
  const deadline = parseDeadline(spec);
  const objective = spec.placement.objective;
  const candidates: Candidate[] = [];
  for (const offer of offers) {
    for (const model of modelsAt(offer)) {
      const input = { spec, offer, model, compat: options, work, now };
      candidates.push(predictCandidate(deadline === undefined ? input : { ...input, deadline }));
    }
  }
  const ranked = rankCandidates(objective, candidates);
  const base = { now, notes, objective, ...(deadline === undefined ? {} : { deadline }) };
  const winner = ranked[0];
  if (!winner?.feasible || !winner.prediction) {
    return { ...base, ranked, refusal: refusalOf(ranked, spec.placement.maxPricePerHour, deadline) };
  }
  const top = winner as Candidate & { prediction: Prediction };
  const noted = notes.length > 0 ? `; ${notes.join('; ')}` : '';
  const explained = ranked.map((c) => {
    if (!c.feasible || !c.prediction) return c;
    const reason = standingReason(objective, c as typeof top, top);
    return { ...c, reason: c === top ? `${reason}${noted}` : reason };
  });
  return { ...base, ranked: explained, chosen: explained[0]! };
}
