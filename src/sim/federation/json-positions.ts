/**
 * A small JSON reader that remembers where every value starts, so a check on the parsed value
 * can point at the line and column of what it rejects. Accepts exactly RFC 8259 JSON.
 */
import { SimInputError } from './input-error.js';

export interface Located {
  value: unknown;
  /** Path ("sites[2].pools[0].model") → 1-based [line, column] of the value. */
  positions: ReadonlyMap<string, readonly [number, number]>;
}

export function parseJsonWithPositions(text: string, file: string): Located {
  const positions = new Map<string, readonly [number, number]>();
  let i = 0;
  const where = (at: number): [number, number] => {
    const before = text.slice(0, at).split('\n');
    return [before.length, before[before.length - 1]!.length + 1];
  };
  const fail = (reason: string, at = i): never => {
    const [line, column] = where(at);
    throw new SimInputError(file, line, column, reason);
  };
  const skip = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const expect = (ch: string) => {
    skip();
    if (text[i] !== ch) fail(`expected "${ch}", found ${text[i] === undefined ? 'the end' : `"${text[i]}"`}`);
    i++;
  };
  const string = (): string => {
    const start = i;
    let end = i + 1;
    while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
    if (end >= text.length) return fail('unterminated string', start);
    i = end + 1;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch (error) {
      if (error instanceof SyntaxError) return fail(`bad string: ${error.message}`, start);
      throw error;
    }
  };
  const value = (path: string): unknown => {
    skip();
    positions.set(path, where(i));
    const ch = text[i];
    if (ch === '{') {
      i++;
      const out: Record<string, unknown> = {};
      skip();
      if (text[i] === '}') {
        i++;
        return out;
      }
      for (;;) {
        skip();
        if (text[i] !== '"') fail('expected a property name in double quotes');
        const key = string();
        expect(':');
        out[key] = value(path === '' ? key : `${path}.${key}`);
        skip();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return out;
        } else fail('expected "," or "}"');
      }
    }
    if (ch === '[') {
      i++;
      const out: unknown[] = [];
      skip();
      if (text[i] === ']') {
        i++;
        return out;
      }
      for (;;) {
        out.push(value(`${path}[${out.length}]`));
        skip();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return out;
        } else fail('expected "," or "]"');
      }
    }
    if (ch === '"') return string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i));
    if (!literal) return fail(ch === undefined ? 'unexpected end of JSON' : `unexpected "${ch}"`);
    i += literal[0].length;
    return JSON.parse(literal[0]) as unknown;
  };
  const result = value('');
  skip();
  if (i < text.length) fail('unexpected text after the JSON value');
  return { value: result, positions };
}

/** Typed reads of a located JSON document; every failure names the value's position and path. */
export class JsonReader {
  constructor(
    private readonly doc: Located,
    private readonly file: string,
  ) {}

  fail(path: string, reason: string): SimInputError {
    let probe = path;
    let at = this.doc.positions.get(probe);
    while (!at && probe !== '') {
      probe = probe.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
      at = this.doc.positions.get(probe);
    }
    const [line, column] = at ?? [1, 1];
    return new SimInputError(this.file, line, column, `${path || 'the document'}: ${reason}`);
  }

  at(path: string): unknown {
    let node: unknown = this.doc.value;
    for (const part of path.match(/[^.[\]]+|\[\d+\]/g) ?? []) {
      if (node === null || typeof node !== 'object') return undefined;
      node = part.startsWith('[')
        ? (node as unknown[])[Number(part.slice(1, -1))]
        : (node as Record<string, unknown>)[part];
    }
    return node;
  }

  object(path: string): Record<string, unknown> {
    const v = this.at(path);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw this.fail(path, 'must be an object');
    return v as Record<string, unknown>;
  }

  array(path: string): unknown[] {
    const v = this.at(path);
    if (!Array.isArray(v)) throw this.fail(path, 'must be an array');
    return v;
  }

  string(path: string, fallback?: string): string {
    const v = this.at(path);
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'string' || v === '') throw this.fail(path, 'must be a non-empty string');
    return v;
  }

  number(path: string, min: number, fallback?: number): number {
    const v = this.at(path);
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'number' || !(v >= min))
      throw this.fail(path, `must be a number >= ${min}, got ${JSON.stringify(v)}`);
    return v;
  }
}
