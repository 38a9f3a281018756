import { parseAllDocuments } from 'yaml';
import { compileJobSpec } from './compile.js';
import type { SpecContext } from './context.js';
import { DOCUMENT_PATH } from './path.js';
import type { SpecIssue, SpecResult } from './types.js';

export type SpecFormat = 'yaml' | 'json' | 'auto';

/** Larger documents are refused before parsing; a job spec is a few kilobytes. */
export const MAX_SPEC_BYTES = 1024 * 1024;

type Loaded = { ok: true; doc: unknown } | { ok: false; issues: SpecIssue[] };

/**
 * Parses a job document from text and compiles it. `auto` and `yaml` read YAML 1.2 (which
 * includes JSON); `json` insists on strict JSON. Syntax errors are issues at `(document)`
 * with the line and column.
 */
export function parseJobSpec(text: string, ctx: SpecContext, format: SpecFormat = 'auto'): SpecResult {
  const loaded = load(text, format);
  if (!loaded.ok) return loaded;
  const shape = topLevelIssue(loaded.doc);
  if (shape) return { ok: false, issues: [shape] };
  return compileJobSpec(loaded.doc, ctx);
}

function documentIssue(message: string, hint?: string): SpecIssue {
  return hint === undefined ? { path: DOCUMENT_PATH, message } : { path: DOCUMENT_PATH, message, hint };
}

function load(text: string, format: SpecFormat): Loaded {
  if (text.length > MAX_SPEC_BYTES) {
    return { ok: false, issues: [documentIssue(`is larger than ${MAX_SPEC_BYTES / 1024} KiB`)] };
  }
  if (text.trim() === '') {
    return { ok: false, issues: [documentIssue('is empty', 'start with apiVersion: junction/v1 and kind: Job')] };
  }
  return format === 'json' ? loadJson(text) : loadYaml(text);
}

function loadJson(text: string): Loaded {
  try {
    return { ok: true, doc: JSON.parse(text) };
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const where = jsonPosition(text, error.message);
    const detail = error.message.replace(/ in JSON at position \d+.*$/s, '');
    return { ok: false, issues: [documentIssue(`JSON syntax error${where}: ${detail}`)] };
  }
}

/** Node's JSON errors name a character offset; people read lines and columns. */
function jsonPosition(text: string, message: string): string {
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  if (lineCol) return ` at line ${lineCol[1]}, column ${lineCol[2]}`;
  const offset = /at position (\d+)/.exec(message);
  if (!offset) return '';
  const before = text.slice(0, Number(offset[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return ` at line ${line}, column ${column}`;
}

function loadYaml(text: string): Loaded {
  const docs = parseAllDocuments(text);
  // parseAllDocuments returns an EmptyStream, not an array, when the text holds only comments.
  if (!Array.isArray(docs) || docs.length === 0) {
    return { ok: false, issues: [documentIssue('is empty', 'start with apiVersion: junction/v1 and kind: Job')] };
  }
  if (docs.length > 1) {
    return {
      ok: false,
      issues: [
        documentIssue(
          `holds ${docs.length} YAML documents; a spec holds one job`,
          'remove the "---" separators, or submit each job on its own',
        ),
      ],
    };
  }
  const doc = docs[0]!;
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
        return documentIssue(`YAML syntax error${where}: ${firstLine(e.message)}`);
      }),
    };
  }
  try {
    return { ok: true, doc: doc.toJS({ maxAliasCount: 100 }) };
  } catch (error) {
    // The yaml library refuses alias expansion bombs with a ReferenceError.
    if (!(error instanceof ReferenceError)) throw error;
    return {
      ok: false,
      issues: [documentIssue(`YAML aliases: ${error.message}`, 'write the values out instead of *aliases')],
    };
  }
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function topLevelIssue(doc: unknown): SpecIssue | undefined {
  if (doc === null || doc === undefined) {
    return documentIssue('is empty', 'start with apiVersion: junction/v1 and kind: Job');
  }
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    const got = Array.isArray(doc) ? 'a list' : `a ${typeof doc}`;
    return documentIssue(
      `must be a map with apiVersion, kind, metadata and spec, got ${got}`,
      'write one job as a map, e.g. apiVersion: junction/v1 on the first line',
    );
  }
  return undefined;
}
