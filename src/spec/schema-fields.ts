import { z } from 'zod';
import { documented } from './field-docs.js';
import {
  CPU_ACCEPTS,
  DURATION_ACCEPTS,
  MEMORY_ACCEPTS,
  PERCENT_ACCEPTS,
  parseCpuMillis,
  parseDurationSeconds,
  parseMemoryMiB,
  parsePercent,
  type QuantityResult,
} from './quantity.js';

/**
 * Reusable field schemas of the user document. Each carries its FieldDoc, so a wrong
 * value reads as "must be <accepts>, got <value>" with a hint where one helps.
 */

/** A problem with a parsed quantity's value, e.g. a share over 100%. */
interface RangeProblem {
  message: string;
  hint?: string;
}

function quoted(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/** Hint for a number or boolean where a string belongs: YAML read it unquoted. */
export function quoteHint(value: unknown): string | undefined {
  if (typeof value === 'number' || typeof value === 'boolean') return `quote it: "${String(value)}"`;
  return undefined;
}

/** Hint for a numeric string where a number belongs. */
function unquoteHint(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return `write ${value.trim()} without quotes`;
  }
  return undefined;
}

function quantity(
  parse: (v: string | number) => QuantityResult,
  accepts: string,
  description: string,
  range?: (value: number) => RangeProblem | undefined,
) {
  const schema = z.union([z.string(), z.number()]).transform((raw, ctx) => {
    const parsed = parse(raw);
    if (!parsed.ok) {
      const { message, hint } = parsed.error;
      ctx.addIssue({ code: 'custom', message, input: raw, params: hint === undefined ? {} : { hint } });
      return z.NEVER;
    }
    const problem = range?.(parsed.value);
    if (problem) {
      ctx.addIssue({
        code: 'custom',
        message: `${problem.message}, got ${quoted(raw)}`,
        input: raw,
        params: problem.hint === undefined ? {} : { hint: problem.hint },
      });
      return z.NEVER;
    }
    return parsed.value;
  });
  return documented(schema, { accepts }, description);
}

export function memoryField(description: string, opts: { allowZero: boolean }) {
  return quantity(parseMemoryMiB, MEMORY_ACCEPTS, description, (mib) =>
    mib === 0 && !opts.allowZero ? { message: 'must be at least 1Mi', hint: 'e.g. 512Mi or 64Gi' } : undefined,
  );
}

export function cpuField(description: string) {
  return quantity(parseCpuMillis, CPU_ACCEPTS, description);
}

export function durationField(description: string, opts: { allowZero: boolean }) {
  return quantity(parseDurationSeconds, DURATION_ACCEPTS, description, (s) =>
    s === 0 && !opts.allowZero ? { message: 'must be longer than 0s' } : undefined,
  );
}

/** Compute share of one device: a whole percent from 1 to 100. */
export function computeShareField(description: string) {
  return quantity(parsePercent, PERCENT_ACCEPTS, description, (p) => {
    if (p > 100) {
      return {
        message: 'share over 100%: compute must be from 1% to 100% of one device',
        hint: 'for more than one device ask for whole devices with `count` instead of `share`',
      };
    }
    if (p < 1) return { message: 'must be at least 1%' };
    if (!Number.isInteger(p)) return { message: 'must be a whole percent', hint: `e.g. "${Math.round(p) || 1}%"` };
    return undefined;
  });
}

export function intField(min: number, max: number, description: string) {
  return documented(
    z.int().min(min).max(max),
    { accepts: `an integer from ${min} to ${max}`, hint: unquoteHint },
    description,
  );
}

export function numberField(min: number, description: string) {
  return documented(
    z.number().min(min).finite(),
    { accepts: min === 0 ? 'a number, 0 or more' : `a number of at least ${min}`, hint: unquoteHint },
    description,
  );
}

export function booleanField(description: string) {
  return documented(
    z.boolean(),
    {
      accepts: 'true or false',
      hint: (v) =>
        typeof v === 'string' && /^(yes|no|on|off|y|n)$/i.test(v)
          ? 'YAML 1.2 reads only true and false as booleans'
          : undefined,
    },
    description,
  );
}

export function textField(description: string) {
  return documented(z.string().min(1), { accepts: 'a non-empty string', hint: quoteHint }, description);
}

export function enumField<const T extends readonly [string, ...string[]]>(values: T, description: string) {
  return documented(z.enum(values), { accepts: `one of: ${values.join(', ')}` }, description);
}

/** A list of names where `[any]` (or an empty list) means no restriction. */
export function nameListField(what: string, description: string) {
  const item = documented(z.string().min(1), { accepts: `a ${what} name`, hint: quoteHint });
  return documented(
    z.array(item),
    {
      accepts: `a list of ${what} names, or [any]`,
      hint: (v) => (typeof v === 'string' ? `use a list, e.g. [${v}]` : undefined),
    },
    description,
  );
}

const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS_LABEL_ACCEPTS = '1 to 63 lowercase letters, digits and "-", starting with a letter and not ending with "-"';

/** A name like `finetune-7b`; the hint proposes the nearest valid name. */
export function dnsLabelField(description: string) {
  return documented(
    z.string().min(1).max(63).regex(DNS_LABEL),
    {
      accepts: DNS_LABEL_ACCEPTS,
      hint: (v) => {
        if (typeof v !== 'string') return quoteHint(v);
        const fixed = toDnsLabel(v);
        return fixed && fixed !== v ? `did you mean \`${fixed}\`?` : undefined;
      },
    },
    description,
  );
}

function toDnsLabel(v: string): string | undefined {
  const label = v
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return DNS_LABEL.test(label) ? label : undefined;
}

const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  if (name.length > 63 || !LABEL_NAME.test(name)) return false;
  return prefix === undefined || (prefix.length <= 253 && LABEL_PREFIX.test(prefix));
}

/** Labels with the Kubernetes limits on keys (optional DNS prefix + name) and values. */
export function labelsField(description: string) {
  const key = documented(z.string().refine(isLabelKey), {
    accepts:
      'a label key: a name of up to 63 letters, digits, "-", "_" or "." starting and ending with a letter or digit, optionally after a DNS prefix and "/"',
  });
  const value = documented(
    z
      .string()
      .max(63)
      .regex(/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/),
    {
      accepts: 'a label value: up to 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit',
      hint: quoteHint,
    },
  );
  return documented(z.record(key, value), { accepts: 'a map of label keys to string values' }, description);
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function envField(description: string) {
  const key = documented(z.string().regex(ENV_NAME), {
    accepts: 'a variable name: letters, digits and "_", not starting with a digit',
  });
  const value = documented(z.string(), { accepts: 'a string', hint: quoteHint });
  return documented(z.record(key, value), { accepts: 'a map of variable names to string values' }, description);
}

export function commandField(description: string) {
  const arg = documented(z.string(), { accepts: 'a string', hint: quoteHint });
  return documented(
    z.array(arg).min(1),
    {
      accepts: 'a non-empty list of strings',
      hint: (v) =>
        typeof v === 'string'
          ? 'use a list, e.g. [python, train.py]: Junction never runs a shell string; for shell features use [bash, -c, "..."]'
          : Array.isArray(v) && v.length === 0
            ? 'give the program and its arguments, e.g. [python, train.py]'
            : undefined,
    },
    description,
  );
}

export function dateTimeField(description: string) {
  return documented(
    z.iso.datetime({ offset: true }),
    {
      accepts: 'an ISO-8601 date-time with a zone, e.g. 2026-12-01T00:00:00Z',
      hint: (v) => {
        if (typeof v !== 'string') return undefined;
        if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return `add a time and zone, e.g. ${v}T00:00:00Z`;
        if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(v)) return `add a zone, e.g. ${v}Z for UTC`;
        return undefined;
      },
    },
    description,
  );
}
