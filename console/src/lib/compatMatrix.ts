/**
 * Reads the adaptation center's matrix (GET /compat/matrix, a padded text table with a legend) into
 * rows: columns are found from the header's positions, cells split into (version, verdict) pairs.
 */
import type { Matrix as MatrixJson } from '../../../src/compat/matrix.js';

/** The adaptation center's verdict statuses (works-with-caveats shown as `likely`). */
export type VerdictClass = 'verified' | 'likely' | 'fails' | 'unknown';

export const VERDICTS: { cls: VerdictClass; symbol: string; label: string }[] = [
  { cls: 'verified', symbol: '✓', label: 'verified (probe or vendor evidence)' },
  { cls: 'likely', symbol: '~', label: 'works with caveats' },
  { cls: 'fails', symbol: '✗', label: 'fails' },
  { cls: 'unknown', symbol: '?', label: 'unknown (no verdict)' },
];

const BY_SYMBOL = new Map(VERDICTS.map((v) => [v.symbol, v.cls]));
const BY_WORD: Record<string, VerdictClass> = {
  verified: 'verified',
  likely: 'likely',
  'works-with-caveats': 'likely',
  caveats: 'likely',
  fails: 'fails',
  failed: 'fails',
  unknown: 'unknown',
};

export function verdictOf(token: string): VerdictClass | undefined {
  return BY_SYMBOL.get(token) ?? BY_WORD[token.toLowerCase()];
}

export interface Mark {
  /** Framework version or capability name; empty when the cell is a bare verdict. */
  label: string;
  verdict: VerdictClass;
}

export interface MatrixRow {
  model: string;
  vendor: string;
  stack: string;
  /** Framework name → marks. */
  frameworks: Record<string, Mark[]>;
  capabilities: Mark[];
}

export interface Matrix {
  frameworks: string[];
  rows: MatrixRow[];
  legend: string;
}

/** `2.1.0 ~, 2.3.1 ~` or `?` or `fp32 ✓ fp16 ✗` → marks. */
export function parseMarks(cell: string): Mark[] {
  const tokens = cell.replace(/,/g, ' ').split(/\s+/).filter(Boolean);
  const marks: Mark[] = [];
  let label = '';
  for (const token of tokens) {
    const verdict = BY_SYMBOL.get(token);
    if (verdict) {
      marks.push({ label, verdict });
      label = '';
    } else {
      label = label ? `${label} ${token}` : token;
    }
  }
  if (label) marks.push({ label, verdict: 'unknown' });
  return marks;
}

export function parseMatrix(text: string): Matrix {
  const lines = text.split('\n');
  const headerIndex = lines.findIndex((l) => /^MODEL\s/.test(l));
  if (headerIndex < 0) throw new Error('the matrix has no header row (MODEL …)');
  const header = lines[headerIndex]!;
  const columns: { name: string; start: number }[] = [];
  for (const m of header.matchAll(/\S+/g)) columns.push({ name: m[0], start: m.index ?? 0 });
  const cells = (line: string) => {
    const chars = [...line];
    return columns.map((c, i) =>
      chars
        .slice(c.start, i + 1 < columns.length ? columns[i + 1]!.start : undefined)
        .join('')
        .trim(),
    );
  };
  const names = columns.map((c) => c.name.toLowerCase());
  const fixed = new Set(['model', 'vendor', 'stack', 'capabilities']);
  const frameworks = names.filter((n) => !fixed.has(n));
  const rows: MatrixRow[] = [];
  let legend = '';
  for (const line of lines.slice(headerIndex + 1)) {
    if (line.startsWith('legend:')) {
      legend = line;
      continue;
    }
    if (line.trim() === '') continue;
    const values = cells(line);
    const get = (name: string) => values[names.indexOf(name)] ?? '';
    rows.push({
      model: get('model'),
      vendor: get('vendor'),
      stack: get('stack'),
      frameworks: Object.fromEntries(frameworks.map((f) => [f, parseMarks(get(f))])),
      capabilities: parseMarks(get('capabilities')),
    });
  }
  return { frameworks, rows, legend };
}

/** The server's JSON form (`format=json`): statuses by name instead of symbols. */
export function matrixFromJson(json: MatrixJson): Matrix {
  const cls = (status: string): VerdictClass => verdictOf(status) ?? 'unknown';
  return {
    frameworks: json.frameworks,
    legend: '',
    rows: json.rows.map((r) => ({
      model: r.model,
      vendor: r.vendor,
      stack: r.stack,
      frameworks: Object.fromEntries(
        json.frameworks.map((f) => {
          const list = r.frameworks[f] ?? [];
          return [
            f,
            list.length === 0
              ? [{ label: '', verdict: 'unknown' as const }]
              : list.map((v) => ({ label: v.version, verdict: cls(v.status) })),
          ];
        }),
      ),
      capabilities: Object.entries(r.capabilities).map(([label, status]) => ({
        label,
        verdict: cls(status ?? 'unknown'),
      })),
    })),
  };
}

/** The matrix from GET /compat/matrix, whichever form the server answered in. */
export function readMatrix(answer: { text: string; type: string }): Matrix {
  if (answer.type.includes('json')) return matrixFromJson(JSON.parse(answer.text) as MatrixJson);
  return parseMatrix(answer.text);
}
