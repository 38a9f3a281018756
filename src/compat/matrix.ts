/**
 * A plain-text compatibility matrix: one row per (model, stack), one column per framework, each cell the
 * framework versions with a status symbol; plus the capabilities of the row's best verdict and a legend.
 */
import type { AcceleratorModel } from '../catalog/index.js';
import { CAPABILITIES, type Capability, type KnowledgeBase, type Verdict, type VerdictStatus } from './types.js';
import { compareVersions, parseVersion } from './version-range.js';

export const STATUS_SYMBOL: Record<VerdictStatus, string> = {
  verified: '✓',
  'works-with-caveats': '~',
  fails: '✗',
  unknown: '?',
};

const RANK: Record<VerdictStatus, number> = { verified: 3, 'works-with-caveats': 2, unknown: 1, fails: 0 };

export const LEGEND = `legend: ${STATUS_SYMBOL.verified} verified  ${STATUS_SYMBOL['works-with-caveats']} works with caveats  ${STATUS_SYMBOL.fails} fails  ${STATUS_SYMBOL.unknown} unknown (no verdict)`;

function byVersion(a: Verdict, b: Verdict): number {
  return compareVersions(parseVersion(a.frameworkVersion) ?? [], parseVersion(b.frameworkVersion) ?? []);
}

/** `bf16 ✓ fp16 ✓ nccl ~`, in the order of CAPABILITIES. */
export function capabilityCell(verdict: Verdict | undefined): string {
  if (!verdict) return '';
  return CAPABILITIES.filter((c: Capability) => verdict.capabilities[c] !== undefined)
    .map((c) => `${c} ${STATUS_SYMBOL[verdict.capabilities[c]!]}`)
    .join(' ');
}

function pad(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell + ' '.repeat(widths[i]! - [...cell].length))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** One row of the matrix as data: a (model, stack) with each framework's versions and the best verdict's capabilities. */
export interface MatrixRow {
  model: string;
  vendor: string;
  stack: string;
  /** Framework → versions with their status, oldest first; empty = no verdict (unknown). */
  frameworks: Record<string, { version: string; status: VerdictStatus }[]>;
  capabilities: Partial<Record<Capability, VerdictStatus>>;
}

export interface Matrix {
  frameworks: string[];
  rows: MatrixRow[];
}

export function matrixOf(kb: KnowledgeBase, models: readonly AcceleratorModel[]): Matrix {
  const frameworks = [...new Set(kb.verdicts.map((v) => v.framework.toLowerCase()))].sort();
  if (frameworks.length === 0) frameworks.push('pytorch');
  const rows: MatrixRow[] = [];
  for (const model of models) {
    const mine = kb.verdicts.filter((v) => v.model === model.id);
    const stacks = [...new Set(mine.map((v) => `${v.stack} ${v.stackVersion}`))];
    if (stacks.length === 0) {
      rows.push({
        model: model.id,
        vendor: model.vendor,
        stack: model.stack,
        frameworks: Object.fromEntries(frameworks.map((f) => [f, []])),
        capabilities: {},
      });
      continue;
    }
    for (const stack of stacks) {
      const here = mine.filter((v) => `${v.stack} ${v.stackVersion}` === stack);
      const cells = frameworks.map((f) => [
        f,
        here
          .filter((v) => v.framework.toLowerCase() === f)
          .sort(byVersion)
          .map((v) => ({ version: v.frameworkVersion, status: v.status })),
      ]);
      const best = [...here].sort((a, b) => RANK[b.status] - RANK[a.status] || byVersion(b, a))[0];
      const capabilities: MatrixRow['capabilities'] = {};
      for (const c of CAPABILITIES) if (best?.capabilities[c] !== undefined) capabilities[c] = best.capabilities[c];
      rows.push({
        model: model.id,
        vendor: model.vendor,
        stack: stack.replace(/ \*$/, ''),
        frameworks: Object.fromEntries(cells),
        capabilities,
      });
    }
  }
  return { frameworks, rows };
}

export function renderMatrix(kb: KnowledgeBase, models: readonly AcceleratorModel[]): string {
  const { frameworks, rows } = matrixOf(kb, models);
  const table: string[][] = [['MODEL', 'VENDOR', 'STACK', ...frameworks.map((f) => f.toUpperCase()), 'CAPABILITIES']];
  for (const row of rows) {
    const cells = frameworks.map((f) => {
      const list = row.frameworks[f] ?? [];
      if (list.length === 0) return STATUS_SYMBOL.unknown;
      return list.map((v) => `${v.version} ${STATUS_SYMBOL[v.status]}`).join(', ');
    });
    const caps = CAPABILITIES.filter((c) => row.capabilities[c] !== undefined)
      .map((c) => `${c} ${STATUS_SYMBOL[row.capabilities[c]!]}`)
      .join(' ');
    table.push([row.model, row.vendor, row.stack, ...cells, caps]);
  }
  return `${pad(table)}\n\n${LEGEND}\n`;
}
