/**
 * A small version-range matcher for the forms job specs and verdicts use: `>=2.1`, `2.4` (any 2.4.x),
 * `2.*`, `*` (or empty: anything), `==2.5.1`, and comma-joined conjunctions such as `<2.6,>=2.1`.
 * Versions compare by their leading numeric components ("2.1.0.post3" is 2.1.0, "8.0.RC2" is 8.0);
 * missing components count as 0 for comparisons and as "any" for a bare prefix.
 */

type Op = '>=' | '>' | '<=' | '<' | 'prefix';

interface Clause {
  op: Op;
  parts: number[];
}

const CLAUSE = /^(>=|<=|==|=|>|<)?\s*(\d+(?:\.\d+)*)(\.\*)?$/;

/** The clauses of a range, or undefined when it is not one of the accepted forms. `[]` accepts anything. */
export function parseRange(range: string): Clause[] | undefined {
  const text = range.trim();
  if (text === '' || text === '*') return [];
  const clauses: Clause[] = [];
  for (const raw of text.split(',')) {
    const part = raw.trim();
    if (part === '*') continue;
    const m = CLAUSE.exec(part);
    if (!m) return undefined;
    const [, sign, digits, wildcard] = m;
    const parts = digits!.split('.').map(Number);
    if (wildcard && sign && sign !== '==' && sign !== '=') return undefined;
    const op: Op = !sign || sign === '==' || sign === '=' ? 'prefix' : (sign as Op);
    clauses.push({ op, parts });
  }
  return clauses;
}

/** Leading numeric components of a concrete version; undefined when there are none ("*", "unknown"). */
export function parseVersion(version: string): number[] | undefined {
  const m = /^v?(\d+(?:\.\d+)*)/.exec(version.trim());
  return m ? m[1]!.split('.').map(Number) : undefined;
}

export function compareVersions(a: readonly number[], b: readonly number[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function holds(version: readonly number[], clause: Clause): boolean {
  if (clause.op === 'prefix') return clause.parts.every((p, i) => (version[i] ?? 0) === p);
  const c = compareVersions(version, clause.parts);
  switch (clause.op) {
    case '>=':
      return c >= 0;
    case '>':
      return c > 0;
    case '<=':
      return c <= 0;
    case '<':
      return c < 0;
  }
}

/**
 * Whether a concrete version lies in a range. A version that states nothing (`*`) satisfies only a range
 * that accepts anything; a malformed range accepts nothing.
 */
export function satisfies(version: string, range: string): boolean {
  const clauses = parseRange(range);
  if (!clauses) return false;
  if (clauses.length === 0) return true;
  const parts = parseVersion(version);
  if (!parts) return false;
  return clauses.every((c) => holds(parts, c));
}
