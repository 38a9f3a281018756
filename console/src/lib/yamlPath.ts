/**
 * Maps a spec issue's field path (`spec.resources.perReplica.accelerators.vendors[0]`) to a line of
 * the YAML text, by walking the text's indentation: block maps, block lists (`- item`), and flow
 * values on one line (`{a: 1}`, `[x, y]`), which map to that line. Not a YAML parser: good enough
 * for job specs written by people, and never throws.
 */

export type Segment = string | number;

/** `a.b[0]["x/y"].c` → ['a', 'b', 0, 'x/y', 'c']; `(document)` → []. */
export function parsePath(path: string): Segment[] {
  const out: Segment[] = [];
  if (path === '(document)' || path === '') return out;
  const re = /([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\./g;
  let match: RegExpExecArray | null;
  // biome-ignore lint/suspicious/noAssignInExpressions: the usual regex loop
  while ((match = re.exec(path)) !== null) {
    if (match[1] !== undefined) out.push(match[1]);
    else if (match[2] !== undefined) out.push(Number(match[2]));
    else if (match[3] !== undefined) {
      try {
        out.push(JSON.parse(match[3]) as string);
      } catch {
        out.push(match[3].slice(1, -1));
      }
    }
  }
  return out;
}

interface Line {
  /** 0-based line number in the text. */
  no: number;
  indent: number;
  /** The line from its indentation on, comments removed, trailing space trimmed. */
  content: string;
}

function stripComment(text: string): string {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t')) {
      return text.slice(0, i);
    }
  }
  return text;
}

function meaningfulLines(text: string): Line[] {
  const lines: Line[] = [];
  text.split('\n').forEach((raw, no) => {
    const body = stripComment(raw.replace(/\r$/, '')).trimEnd();
    const content = body.trimStart();
    if (content === '' || content === '---' || content === '...') return;
    lines.push({ no, indent: body.length - content.length, content });
  });
  return lines;
}

const KEY = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s:#'"{[][^:#]*?))\s*:(?:\s|$)/;

function keyOf(content: string): { key: string; rest: string } | undefined {
  const m = KEY.exec(content);
  if (!m) return undefined;
  const key = m[1] ?? m[2]?.replace(/''/g, "'") ?? m[3] ?? '';
  return { key: key.trim(), rest: content.slice(m[0].length).trim() };
}

/** The lines of a block (all at or deeper than the first line's indentation). */
function childrenOf(lines: Line[]): Line[] {
  if (lines.length === 0) return lines;
  const indent = lines[0]!.indent;
  return lines.filter((l) => l.indent === indent);
}

/** The block under a key: following lines deeper than `indent`, or `- ` items at the same indent. */
function blockAfter(lines: Line[], index: number, indent: number): Line[] {
  const out: Line[] = [];
  for (let i = index + 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.indent > indent || (l.indent === indent && (l.content === '-' || l.content.startsWith('- ')))) out.push(l);
    else break;
  }
  return out;
}

/** A list item's own block: its first line with `- ` turned into indentation, then its deeper lines. */
function itemBlock(lines: Line[], index: number): Line[] {
  const first = lines[index]!;
  const after = first.content.slice(1).replace(/^\s+/, '');
  const shift = first.content.length - after.length;
  const out: Line[] = [];
  if (after !== '') out.push({ no: first.no, indent: first.indent + shift, content: after });
  for (let i = index + 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.indent > first.indent) out.push(l);
    else break;
  }
  return out;
}

/** Follows `segments` from `block`; returns the deepest line reached and whether the whole path was found. */
function walk(block: Line[], segments: Segment[], fallback: number): { line: number; exact: boolean; depth: number } {
  let lines = block;
  let line = fallback;
  for (let depth = 0; depth < segments.length; depth++) {
    const segment = segments[depth]!;
    const level = childrenOf(lines);
    if (level.length === 0) return { line, exact: false, depth };
    if (typeof segment === 'number') {
      const items = level.filter((l) => l.content === '-' || l.content.startsWith('- '));
      const item = items[segment];
      if (!item) return { line, exact: false, depth };
      line = item.no;
      lines = itemBlock(lines, lines.indexOf(item));
      continue;
    }
    const found = level.find((l) => keyOf(l.content)?.key === segment);
    if (!found) return { line, exact: false, depth };
    line = found.no;
    const { rest } = keyOf(found.content)!;
    const index = lines.indexOf(found);
    if (rest !== '' && !rest.startsWith('|') && !rest.startsWith('>') && !rest.startsWith('&')) {
      // A value on the key's own line (scalar or flow collection): anything deeper is on this line.
      return { line, exact: true, depth: segments.length };
    }
    lines = blockAfter(lines, index, found.indent);
  }
  return { line, exact: true, depth: segments.length };
}

/**
 * The 1-based line for an issue path, or undefined when nothing matches. Paths may or may not
 * start at `spec` (both `spec.resources.replicas` and `resources.replicas` find the same line).
 * Issues at `(document)` use the "line N" in their message when there is one.
 */
export function lineForPath(text: string, path: string, message = ''): number | undefined {
  const segments = parsePath(path);
  if (segments.length === 0) {
    const m = /line (\d+)/.exec(message);
    return m ? Number(m[1]) : undefined;
  }
  const lines = meaningfulLines(text);
  if (lines.length === 0) return undefined;
  const direct = walk(lines, segments, -1);
  let best = direct;
  if (!direct.exact && segments[0] !== 'spec') {
    const viaSpec = walk(lines, ['spec', ...segments], -1);
    if (viaSpec.depth - 1 > direct.depth || (viaSpec.exact && !direct.exact)) best = viaSpec;
  }
  return best.line >= 0 ? best.line + 1 : undefined;
}
