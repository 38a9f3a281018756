/**
 * Pure operations on the knowledge base. Every operation returns a new knowledge base and leaves its
 * input untouched; every change increases `revision` by one.
 */
import { isDeepStrictEqual } from 'node:util';
import { issuePath, knowledgeBaseSchema } from './kb-schema.js';
import {
  type Capability,
  type Evidence,
  type KnowledgeBase,
  relativeThroughputMetric,
  type Verdict,
  type VerdictKey,
  type VerdictStatus,
  verdictKeyString,
  WORKLOAD_CLASSES,
} from './types.js';

/** Failure output kept on a failing probe, so one noisy log cannot bloat the knowledge base. */
const MAX_OUTPUT_CHARS = 4000;

export function emptyKb(): KnowledgeBase {
  return { schemaVersion: 1, revision: 0, verdicts: [] };
}

export function findVerdict(kb: KnowledgeBase, key: VerdictKey): Verdict | undefined {
  const wanted = verdictKeyString(key);
  return kb.verdicts.find((v) => verdictKeyString(v) === wanted);
}

/** Adds the verdict, or replaces the one with the same key. */
export function upsertVerdict(kb: KnowledgeBase, verdict: Verdict): KnowledgeBase {
  const key = verdictKeyString(verdict);
  const copy = structuredClone(verdict);
  const index = kb.verdicts.findIndex((v) => verdictKeyString(v) === key);
  const verdicts = index < 0 ? [...kb.verdicts, copy] : kb.verdicts.map((v, i) => (i === index ? copy : v));
  return { schemaVersion: 1, revision: kb.revision + 1, verdicts };
}

/** The newest evidence date of a verdict ('' when it has none). */
export function latestEvidenceDate(verdict: Verdict): string {
  let latest = '';
  for (const e of verdict.evidence) if (e.date > latest) latest = e.date;
  return latest;
}

function latestDateWith(verdict: Verdict, outcome: 'pass' | 'fail'): string {
  let latest = '';
  for (const e of verdict.evidence) if (e.outcome === outcome && e.date > latest) latest = e.date;
  return latest;
}

function nextStatus(
  current: VerdictStatus,
  evidence: Evidence,
  outcome: 'pass' | 'fail',
  verdict: Verdict,
): VerdictStatus {
  if (outcome === 'fail') return latestDateWith(verdict, 'pass') > evidence.date ? current : 'fails';
  const passed: VerdictStatus = evidence.kind === 'probe' ? 'verified' : 'works-with-caveats';
  if (current === 'unknown') return passed;
  if (current === 'fails') return latestDateWith(verdict, 'fail') > evidence.date ? current : passed;
  return current;
}

/**
 * Records one piece of evidence about a verdict (created as `unknown` when the key is new) and applies it:
 * - A passing probe turns `unknown` into `verified`; a passing document turns it into `works-with-caveats`.
 * - A failing probe or document turns any status into `fails` and keeps its output (truncated).
 * - Newer evidence wins: a pass does not clear a `fails` set by newer evidence, and a fail does not override
 *   a newer pass. A pass leaves `verified` and `works-with-caveats` as they are (caveats stay until a person
 *   removes them).
 * - `capabilities` names what the evidence exercised (e.g. `bf16`, `nccl`); each follows the same rules.
 * - A passing measurement `relative-throughput:<class>` becomes the verdict's measured relative throughput.
 */
export function recordEvidence(
  kb: KnowledgeBase,
  key: VerdictKey,
  evidence: Evidence,
  outcome: 'pass' | 'fail',
  capabilities: readonly Capability[] = [],
): KnowledgeBase {
  const existing = findVerdict(kb, key);
  const verdict: Verdict = existing
    ? structuredClone(existing)
    : { ...structuredClone(key), status: 'unknown', capabilities: {}, caveats: [], evidence: [] };
  const recorded: Evidence = { ...structuredClone(evidence), outcome };
  if (outcome === 'fail' && recorded.output !== undefined) recorded.output = recorded.output.slice(0, MAX_OUTPUT_CHARS);
  if (outcome === 'pass') delete recorded.output;

  verdict.status = nextStatus(verdict.status, recorded, outcome, verdict);
  for (const cap of capabilities) {
    verdict.capabilities[cap] = nextStatus(verdict.capabilities[cap] ?? 'unknown', recorded, outcome, verdict);
  }
  if (outcome === 'pass' && recorded.measured) {
    const workloadClass = WORKLOAD_CLASSES.find((c) => relativeThroughputMetric(c) === recorded.measured?.metric);
    if (workloadClass) verdict.relativeThroughput = { value: recorded.measured.value, estimated: false, workloadClass };
  }
  verdict.evidence.push(recorded);
  return upsertVerdict(kb, verdict);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

/** Stable JSON: verdicts sorted by key, object keys sorted, two-space indent, trailing newline. */
export function exportKb(kb: KnowledgeBase): string {
  const verdicts = [...kb.verdicts].sort((a, b) => {
    const ka = verdictKeyString(a);
    const kb2 = verdictKeyString(b);
    return ka < kb2 ? -1 : ka > kb2 ? 1 : 0;
  });
  return `${JSON.stringify(sortKeys({ schemaVersion: 1, revision: kb.revision, verdicts }), null, 2)}\n`;
}

export interface ImportIssue {
  /** Field path in the imported document, e.g. `verdicts[3].evidence[0].date`. */
  path: string;
  message: string;
}

/** The imported text is not a valid knowledge base; nothing was imported. */
export class KnowledgeBaseImportError extends Error {
  constructor(readonly issues: readonly ImportIssue[]) {
    super(`invalid knowledge base: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'KnowledgeBaseImportError';
  }
}

export interface ImportConflict {
  /** verdictKeyString of the verdict. */
  key: string;
  existing: VerdictStatus;
  incoming: VerdictStatus;
  kept: 'existing' | 'incoming';
  reason: string;
}

export interface ImportResult {
  kb: KnowledgeBase;
  /** Verdicts whose key was new. */
  added: number;
  /** Existing verdicts whose content changed. */
  updated: number;
  /** Verdicts whose status differed between the two sides, and which side was kept. */
  conflicts: ImportConflict[];
}

function evidenceId(e: Evidence): string {
  return JSON.stringify([e.kind, e.title, e.url ?? '', e.date, e.node ?? '', e.site ?? '', e.outcome ?? '']);
}

function mergeEvidence(a: readonly Evidence[], b: readonly Evidence[]): Evidence[] {
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const e of [...a, ...b]) {
    const id = evidenceId(e);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(e);
  }
  return out.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

/**
 * Merges an exported knowledge base into `existing`. The text is validated first; on any error a
 * KnowledgeBaseImportError names every bad field path and nothing is imported.
 * Per verdict key: a new key is added; for a known key the side with the newer evidence wins (on a tie the
 * existing verdict is kept), and the evidence of both sides is kept. Differing statuses are reported as
 * conflicts with the side that was kept.
 */
export function importKb(text: string, existing: KnowledgeBase): ImportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new KnowledgeBaseImportError([{ path: '(root)', message: `not JSON: ${(error as Error).message}` }]);
  }
  const parsed = knowledgeBaseSchema.safeParse(raw);
  if (!parsed.success) {
    throw new KnowledgeBaseImportError(
      parsed.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message })),
    );
  }
  const seenKeys = new Map<string, number>();
  const duplicates: ImportIssue[] = [];
  parsed.data.verdicts.forEach((v, i) => {
    const key = verdictKeyString(v);
    const first = seenKeys.get(key);
    if (first !== undefined) duplicates.push({ path: `verdicts[${i}]`, message: `same key as verdicts[${first}]` });
    else seenKeys.set(key, i);
  });
  if (duplicates.length > 0) throw new KnowledgeBaseImportError(duplicates);

  let kb = existing;
  let added = 0;
  let updated = 0;
  const conflicts: ImportConflict[] = [];
  for (const incoming of parsed.data.verdicts as Verdict[]) {
    const current = findVerdict(kb, incoming);
    if (!current) {
      kb = upsertVerdict(kb, incoming);
      added++;
      continue;
    }
    if (isDeepStrictEqual(current, incoming)) continue;
    const incomingWins = latestEvidenceDate(incoming) > latestEvidenceDate(current);
    const winner = incomingWins ? incoming : current;
    const merged: Verdict = { ...winner, evidence: mergeEvidence(current.evidence, incoming.evidence) };
    if (current.status !== incoming.status) {
      conflicts.push({
        key: verdictKeyString(incoming),
        existing: current.status,
        incoming: incoming.status,
        kept: incomingWins ? 'incoming' : 'existing',
        reason: incomingWins
          ? `incoming evidence is newer (${latestEvidenceDate(incoming)})`
          : `existing evidence is as new or newer (${latestEvidenceDate(current) || 'none'})`,
      });
    }
    if (!isDeepStrictEqual(current, merged)) {
      kb = upsertVerdict(kb, merged);
      updated++;
    }
  }
  // One import is one change, whatever it touched.
  const changed = kb !== existing;
  return { kb: changed ? { ...kb, revision: existing.revision + 1 } : existing, added, updated, conflicts };
}
