/** Validates the spec text as the user types (debounced) through POST /spec/validate. */
import { useEffect, useState } from 'react';
import { ApiError, type Client, errorText } from '../../api';
import { lineForPath } from '../../lib/yamlPath';
import type { CompiledJobSpec, SpecIssue } from '../../types';

export interface Validation {
  state: 'idle' | 'checking' | 'valid' | 'invalid' | 'error';
  issues: (SpecIssue & { line: number | undefined })[];
  message: string | null;
  /** The compiled spec when valid. */
  spec?: CompiledJobSpec;
}

export function useValidation(client: Client, text: string, delayMs = 400): Validation {
  const [result, setResult] = useState<Validation>({ state: 'idle', issues: [], message: null });
  useEffect(() => {
    const abort = new AbortController();
    const timer = window.setTimeout(async () => {
      setResult((r) => ({ ...r, state: 'checking' }));
      try {
        const answer = await client.validate(text, abort.signal);
        if (!abort.signal.aborted) setResult({ state: 'valid', issues: [], message: null, spec: answer.spec });
      } catch (e) {
        if (abort.signal.aborted) return;
        if (e instanceof ApiError && e.issues.length > 0) {
          const issues = e.issues.map((i) => ({ ...i, line: lineForPath(text, i.path, i.message) }));
          setResult({ state: 'invalid', issues, message: e.message });
        } else if (e instanceof ApiError && e.code === 'invalid_spec') {
          setResult({ state: 'invalid', issues: [], message: e.message });
        } else {
          setResult({ state: 'error', issues: [], message: errorText(e) });
        }
      }
    }, delayMs);
    return () => {
      window.clearTimeout(timer);
      abort.abort();
    };
  }, [client, text, delayMs]);
  return result;
}

/** The message shown for an issue: the field, what is wrong, and the fix when the server gives one. */
export function issueText(issue: SpecIssue): string {
  const hint = issue.hint && !issue.message.includes(issue.hint) ? ` (${issue.hint})` : '';
  return `${issue.path}: ${issue.message}${hint}`;
}
