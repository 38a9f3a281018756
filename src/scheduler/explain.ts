/**
 * Turns per-node filter verdicts into the sentence a user reads when a job waits,
 * e.g. "no node with 2 free devices of vendor hygon: 3 nodes have 1".
 */
import type { FitResult } from '../cluster/fit.js';
import type { AcceleratorRequest, CompiledJobSpec } from '../spec/types.js';
import type { Status } from './framework.js';

export interface NodeVerdict {
  node: string;
  status: Status;
  fit?: FitResult;
  /** Nodes this verdict stands for (the node and those in the same state as it); default 1. */
  count?: number;
}

const weight = (v: NodeVerdict) => v.count ?? 1;

const MAX_DETAIL_LINES = 20;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function describeDevices(acc: AcceleratorRequest): string {
  const parts: string[] = [];
  if (acc.models.length > 0) parts.push(`of model ${acc.models.join(' or ')}`);
  else if (acc.vendors.length > 0) parts.push(`of vendor ${acc.vendors.join(' or ')}`);
  if (acc.minMemoryMiB > 0) parts.push(`with ≥${formatMiB(acc.minMemoryMiB)}`);
  return parts.join(' ');
}

export function formatMiB(mib: number): string {
  if (mib >= 1024 && mib % 1024 === 0) return `${mib / 1024}Gi`;
  return `${mib}Mi`;
}

/** Summary and detail lines for a replica that fits on no node. */
export function summarizeNoFit(
  spec: CompiledJobSpec,
  verdicts: readonly NodeVerdict[],
  totalNodes: number,
): { summary: string; details: string[] } {
  const acc = spec.resources.perReplica.accelerators;
  if (totalNodes === 0) return { summary: 'no nodes are available yet', details: [] };
  if (verdicts.length === 0) {
    const qualifier = describeDevices(acc);
    return { summary: `no node has ${qualifier ? `devices ${qualifier}` : 'accelerators'}`, details: [] };
  }
  const clauses: string[] = [];
  const deviceShort = verdicts.filter((v) => v.fit && !v.fit.ok && v.fit.failure === 'devices');
  if (deviceShort.length > 0) {
    const byHave = new Map<number, number>();
    for (const v of deviceShort) {
      const have = v.fit && !v.fit.ok ? (v.fit.have ?? 0) : 0;
      byHave.set(have, (byHave.get(have) ?? 0) + weight(v));
    }
    const groups = [...byHave.entries()].sort((a, b) => b[0] - a[0]);
    const qualifier = describeDevices(acc);
    const head = `no node with ${acc.count} free device${acc.count === 1 ? '' : 's'}${qualifier ? ` ${qualifier}` : ''}`;
    const have = groups.map(([h, n], i) => `${i === 0 ? plural(n, 'node') : n} ${n === 1 ? 'has' : 'have'} ${h}`);
    clauses.push(`${head}: ${have.join(', ')}`);
  }
  const shareShort = verdicts.filter((v) => v.fit && !v.fit.ok && v.fit.failure === 'share');
  if (shareShort.length > 0 && acc.share) {
    clauses.push(
      `no ${describeDevices(acc) ? `device ${describeDevices(acc)}` : 'device'} with ${formatMiB(acc.share.memoryMiB)} and ${acc.share.computePercent}% compute free on ${plural(
        shareShort.reduce((n, v) => n + weight(v), 0),
        'node',
      )}`,
    );
  }
  const counted = new Set([...deviceShort, ...shareShort]);
  const rest = new Map<string, number>();
  for (const v of verdicts) {
    if (counted.has(v)) continue;
    const key = categorize(v);
    rest.set(key, (rest.get(key) ?? 0) + weight(v));
  }
  for (const [key, n] of [...rest.entries()].sort((a, b) => b[1] - a[1]))
    clauses.push(`${plural(n, 'node')} ${agree(n, key)}`);
  const details = verdicts
    .slice(0, MAX_DETAIL_LINES)
    .map(
      (v) =>
        `${v.node}${weight(v) > 1 ? ` (and ${weight(v) - 1} alike)` : ''}: ${v.status.reason} [${v.status.plugin}]`,
    );
  if (verdicts.length > MAX_DETAIL_LINES) details.push(`… and ${verdicts.length - MAX_DETAIL_LINES} more nodes`);
  return { summary: clauses.join('; '), details };
}

/** "have" → "has", "are" → "is", "lack" → "lacks" for one node. */
function agree(n: number, phrase: string): string {
  if (n !== 1) return phrase;
  const [verb, ...rest] = phrase.split(' ');
  const singular = verb === 'have' ? 'has' : verb === 'are' ? 'is' : verb === 'do' ? 'does' : `${verb}s`;
  return [singular, ...rest].join(' ');
}

function categorize(v: NodeVerdict): string {
  if (v.fit && !v.fit.ok) {
    switch (v.fit.failure) {
      case 'cpu':
        return 'lack free CPU';
      case 'memory':
        return 'lack free memory';
      case 'vendor':
        return 'have no matching vendor';
      case 'model':
        return 'have no matching model';
      case 'device-memory':
        return 'have devices with too little memory';
      case 'unhealthy':
        return 'have only unhealthy matching devices';
      default:
        return 'do not fit';
    }
  }
  if (v.status.plugin === 'placement-filter') {
    return v.status.reason.startsWith('site') ? 'are in other sites' : 'are not among the requested nodes';
  }
  if (v.status.plugin === 'schedulable-node') return 'are cordoned';
  if (v.status.plugin === 'queue-quota') return `are held back by queue quota: ${v.status.reason}`;
  if (v.status.plugin === 'compatibility') return `are refused by the adaptation center: ${v.status.reason}`;
  return `are rejected by ${v.status.plugin}: ${v.status.reason}`;
}
