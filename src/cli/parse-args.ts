/**
 * Argument parsers for commander: each returns the typed value or throws InvalidArgumentError,
 * which commander reports as a usage error (exit 2).
 */
import { InvalidArgumentError } from 'commander';
import { JOB_PHASES, type JobPhase } from '../store/types.js';

export function parseNonNegativeInt(text: string): number {
  if (!/^\d+$/.test(text)) throw new InvalidArgumentError('expected a whole number ≥ 0.');
  return Number(text);
}

export function parsePositiveInt(text: string): number {
  const value = parseNonNegativeInt(text);
  if (value === 0) throw new InvalidArgumentError('expected a whole number ≥ 1.');
  return value;
}

export function parsePort(text: string): number {
  const value = parseNonNegativeInt(text);
  if (value > 65535) throw new InvalidArgumentError('expected a port number 0..65535.');
  return value;
}

/** `Pending,running` → ['Pending', 'Running']; case-insensitive, accumulates over repeated flags. */
export function parsePhases(text: string, previous: JobPhase[] = []): JobPhase[] {
  const phases = [...previous];
  for (const part of text.split(',')) {
    const wanted = part.trim().toLowerCase();
    if (!wanted) continue;
    const phase = JOB_PHASES.find((p) => p.toLowerCase() === wanted);
    if (!phase) throw new InvalidArgumentError(`unknown phase "${part.trim()}"; use one of: ${JOB_PHASES.join(', ')}.`);
    if (!phases.includes(phase)) phases.push(phase);
  }
  return phases;
}

/** `key=value`, accumulated over repeated flags. */
export function parseLabel(text: string, previous: string[] = []): string[] {
  const at = text.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError(`expected key=value, got "${text}".`);
  return [...previous, text];
}

/** The server's root URL; only http and https make sense. */
export function parseServerUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidArgumentError(`"${text}" is not a URL; expected e.g. http://127.0.0.1:8420.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidArgumentError(`"${text}" is not an http(s) URL.`);
  }
  return text.replace(/\/+$/, '');
}
