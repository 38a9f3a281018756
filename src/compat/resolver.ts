/**
 * From a compiled job spec to the device models that can run it, each with a concrete runtime (stack,
 * image, env), the verdict behind it and a predicted relative throughput; and, for every other model, why not.
 *
 * Rules:
 * - A job without accelerators resolves to nothing and refuses nothing.
 * - A model is runnable where a verdict for the job's framework has a version inside the job's range, is not
 *   `fails` or `unknown`, and every requested precision is a capability that is `verified` or
 *   `works-with-caveats`. Among several such verdicts the best status wins, then the newest framework version.
 * - `unknown` (no verdict, a verdict of unknown status, or an unknown requested capability) is refused unless
 *   the job says `compat: permissive`; then it is runnable with status `unknown`.
 * - `fails` (the verdict or a requested capability) is refused in both modes.
 * - A job that names neither framework nor precision has nothing to check: every model is runnable.
 * - Vendor and model preferences are not applied here (other plugins do that): compatibility answers only
 *   "could it run there".
 */
import { type AcceleratorModel, allModels } from '../catalog/index.js';
import type { CompiledJobSpec } from '../spec/types.js';
import { latestEvidenceDate } from './knowledge-base.js';
import { predictThroughput, type ThroughputEstimate } from './throughput.js';
import type { Evidence, KnowledgeBase, Verdict, VerdictStatus, WorkloadClass } from './types.js';
import { compareVersions, parseVersion, satisfies } from './version-range.js';

export type CompatMode = 'strict' | 'permissive';
export type RunnableStatus = Exclude<VerdictStatus, 'fails'>;

export interface RunnableOption {
  model: string;
  vendor: string;
  stack: string;
  /** `*` when no verdict states it. */
  stackVersion: string;
  framework?: string;
  /** The framework version of the verdict that matched the job's range. */
  frameworkVersion?: string;
  image?: string;
  env: Record<string, string>;
  status: RunnableStatus;
  throughput: ThroughputEstimate;
  caveats: string[];
  /** The newest evidence, e.g. "probe 2026-11-29 on east-dcu/node-0 (+2 more)". */
  evidence: string;
  /** One line a user can read: why this model may run the job. */
  explanation: string;
}

export interface Refusal {
  model: string;
  reason: string;
}

export interface Resolution {
  options: RunnableOption[];
  refused: Refusal[];
}

/** `workload.compat`: strict unless the job says permissive. */
export function compatModeOf(spec: CompiledJobSpec): CompatMode {
  return spec.workload.compat === 'permissive' ? 'permissive' : 'strict';
}

/** `workload.class` (training unless the job says inference). */
export function workloadClassOf(spec: CompiledJobSpec): WorkloadClass {
  return spec.workload.class;
}

const RANK: Record<VerdictStatus, number> = { verified: 3, 'works-with-caveats': 2, unknown: 1, fails: 0 };

function worse(a: VerdictStatus, b: VerdictStatus): VerdictStatus {
  return RANK[a] <= RANK[b] ? a : b;
}

type Evaluation =
  | { kind: 'ok'; verdict: Verdict; status: 'verified' | 'works-with-caveats' }
  | { kind: 'unknown'; verdict: Verdict; unknownCaps: string[] }
  | { kind: 'fails'; verdict: Verdict; what: string }
  | { kind: 'version'; verdict: Verdict };

function evaluate(verdict: Verdict, spec: CompiledJobSpec): Evaluation {
  const fw = spec.workload.framework;
  if (fw && verdict.frameworkVersion !== '*' && !satisfies(verdict.frameworkVersion, fw.version)) {
    return { kind: 'version', verdict };
  }
  if (verdict.status === 'fails')
    return { kind: 'fails', verdict, what: `${verdict.framework} ${verdict.frameworkVersion}` };
  let status: VerdictStatus = verdict.frameworkVersion === '*' && fw ? 'unknown' : verdict.status;
  const unknownCaps: string[] = [];
  for (const p of spec.workload.precision) {
    const cap = verdict.capabilities[p as keyof Verdict['capabilities']] ?? 'unknown';
    if (cap === 'fails') return { kind: 'fails', verdict, what: p };
    if (cap === 'unknown') unknownCaps.push(p);
    status = worse(status, cap);
  }
  if (status === 'unknown' || status === 'fails') return { kind: 'unknown', verdict, unknownCaps };
  return { kind: 'ok', verdict, status };
}

function better(a: Verdict, b: Verdict): number {
  const byStatus = RANK[b.status] - RANK[a.status];
  if (byStatus !== 0) return byStatus;
  const va = parseVersion(a.frameworkVersion) ?? [];
  const vb = parseVersion(b.frameworkVersion) ?? [];
  const byVersion = compareVersions(vb, va);
  if (byVersion !== 0) return byVersion;
  const da = latestEvidenceDate(a);
  const db = latestEvidenceDate(b);
  return da < db ? 1 : da > db ? -1 : 0;
}

function describe(e: Evidence): string {
  if (e.kind === 'probe') {
    const where = e.site && e.node ? `${e.site}/${e.node}` : (e.node ?? e.site);
    return `probe ${e.date}${where ? ` on ${where}` : ''}${e.outcome === 'fail' ? ' (failed)' : ''}`;
  }
  return `document ${e.date}: ${e.title}`;
}

/** The newest evidence of a verdict in a few words, with how many more there are. */
export function evidenceSummary(verdict: Verdict | undefined): string {
  if (!verdict || verdict.evidence.length === 0) return 'no evidence';
  const sorted = [...verdict.evidence].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const more = sorted.length - 1;
  return `${describe(sorted[0]!)}${more > 0 ? ` (+${more} more)` : ''}`;
}

function imageFor(spec: CompiledJobSpec, verdict: Verdict | undefined, stack: string, vendor: string) {
  if (verdict?.image) return verdict.image;
  const images = spec.workload.image;
  if (images === 'auto') return undefined;
  const lower = new Map(Object.entries(images).map(([k, v]) => [k.toLowerCase(), v]));
  return lower.get(stack.toLowerCase()) ?? lower.get(vendor.toLowerCase());
}

function requirement(spec: CompiledJobSpec): string {
  const fw = spec.workload.framework;
  const parts = fw ? [`${fw.name} ${fw.version || '*'}`] : [];
  parts.push(...spec.workload.precision);
  return parts.length > 0 ? parts.join(' ') : 'this job';
}

function failureDetail(verdict: Verdict): string {
  const probe = [...verdict.evidence].reverse().find((e) => e.outcome === 'fail');
  const line = probe?.output?.split('\n').find((l) => l.trim() !== '');
  if (probe) return `${describe(probe)}${line ? `: ${line.trim()}` : ''}`;
  return verdict.caveats[0] ?? evidenceSummary(verdict);
}

function option(
  spec: CompiledJobSpec,
  model: AcceleratorModel,
  verdict: Verdict | undefined,
  status: RunnableStatus,
  explanation: string,
  models: readonly AcceleratorModel[],
): RunnableOption {
  const stack = verdict?.stack ?? model.stack;
  const out: RunnableOption = {
    model: model.id,
    vendor: model.vendor,
    stack,
    stackVersion: verdict?.stackVersion ?? '*',
    env: { ...verdict?.env },
    status,
    throughput: predictThroughput(model.id, workloadClassOf(spec), verdict, spec.workload.precision, models),
    caveats: [...(verdict?.caveats ?? [])],
    evidence: evidenceSummary(verdict),
    explanation,
  };
  const image = imageFor(spec, verdict, stack, model.vendor);
  if (image !== undefined) out.image = image;
  if (verdict && spec.workload.framework) {
    out.framework = verdict.framework;
    out.frameworkVersion = verdict.frameworkVersion;
  }
  return out;
}

function resolveModel(
  spec: CompiledJobSpec,
  kb: KnowledgeBase,
  model: AcceleratorModel,
  mode: CompatMode,
  models: readonly AcceleratorModel[],
): RunnableOption | Refusal {
  const fw = spec.workload.framework;
  const mine = kb.verdicts.filter(
    (v) => v.model === model.id && (!fw || v.framework.toLowerCase() === fw.name.toLowerCase()),
  );
  if (!fw && spec.workload.precision.length === 0) {
    const best = mine.filter((v) => v.status !== 'fails').sort(better)[0];
    const status: RunnableStatus = best ? (best.status as RunnableStatus) : 'unknown';
    return option(spec, model, best, status, 'nothing to check: the job names no framework or precision', models);
  }
  const evaluations = mine.map((v) => evaluate(v, spec));
  const ok = evaluations
    .filter((e): e is Extract<Evaluation, { kind: 'ok' }> => e.kind === 'ok')
    .sort((a, b) => RANK[b.status] - RANK[a.status] || better(a.verdict, b.verdict))[0];
  if (ok) {
    const v = ok.verdict;
    const what = `${v.framework} ${v.frameworkVersion} on ${v.stack} ${v.stackVersion}`;
    const explanation = ok.status === 'verified' ? `verified: ${what}` : `works with caveats: ${what}`;
    return option(spec, model, v, ok.status, explanation, models);
  }
  const unknown = evaluations
    .filter((e): e is Extract<Evaluation, { kind: 'unknown' }> => e.kind === 'unknown')
    .sort((a, b) => better(a.verdict, b.verdict))[0];
  const fails = evaluations.find((e): e is Extract<Evaluation, { kind: 'fails' }> => e.kind === 'fails');
  if (mode === 'permissive' && (unknown || !fails)) {
    return option(spec, model, unknown?.verdict, 'unknown', 'unverified (compat: permissive)', models);
  }
  if (fails) {
    const v = fails.verdict;
    return {
      model: model.id,
      reason: `${fails.what} fails with ${v.framework} ${v.frameworkVersion} on ${v.stack} ${v.stackVersion}: ${failureDetail(v)}`,
    };
  }
  const notes: string[] = [];
  const verdictKnown = unknown && unknown.verdict.status !== 'unknown' && unknown.verdict.frameworkVersion !== '*';
  if (verdictKnown && unknown.unknownCaps.length > 0) notes.push(`${unknown.unknownCaps.join(', ')} unknown`);
  const versions = evaluations.filter((e) => e.kind === 'version').map((e) => e.verdict);
  if (versions.length > 0) {
    notes.push(`known: ${versions.map((v) => `${v.framework} ${v.frameworkVersion} ${v.status}`).join(', ')}`);
  }
  const note = notes.length > 0 ? ` (${notes.join('; ')})` : '';
  return { model: model.id, reason: `no verdict for ${requirement(spec)} on ${model.stack}${note} (compat: strict)` };
}

/** Every catalog model (or `models`) either as a runnable option or as a refusal with its reason. */
export function resolve(
  spec: CompiledJobSpec,
  kb: KnowledgeBase,
  models: readonly AcceleratorModel[] = allModels(),
): Resolution {
  if (spec.resources.perReplica.accelerators.kind === 'none') return { options: [], refused: [] };
  const mode = compatModeOf(spec);
  const options: RunnableOption[] = [];
  const refused: Refusal[] = [];
  for (const model of models) {
    const result = resolveModel(spec, kb, model, mode, models);
    if ('reason' in result) refused.push(result);
    else options.push(result);
  }
  options.sort(
    (a, b) =>
      RANK[b.status] - RANK[a.status] || b.throughput.value - a.throughput.value || (a.model < b.model ? -1 : 1),
  );
  return { options, refused };
}
