/** Shared pieces of every route module: the error body, the `:id` parameter, spec content types. */
import type { ApiError } from './api-types.js';

export function apiError(code: string, message: string, extra: Partial<ApiError> = {}): { error: ApiError } {
  return { error: { code, message, ...extra } };
}

export const idParams = {
  type: 'object',
  properties: { id: { type: 'string', minLength: 1, maxLength: 128 } },
  required: ['id'],
};

/** Content types a job spec may come as. */
export const SPEC_TYPES = [
  'application/json',
  'application/yaml',
  'application/x-yaml',
  'text/yaml',
  'text/x-yaml',
  'text/plain',
];

export function specFormat(contentType: string | undefined): 'json' | 'yaml' | 'auto' {
  const type = (contentType ?? '').split(';')[0]!.trim();
  return type === 'application/json' ? 'json' : type === 'text/plain' ? 'auto' : 'yaml';
}

/** A JSON object body (the API reads bodies as text); undefined when it is not one. */
export function jsonObjectBody(body: unknown): Record<string, unknown> | undefined {
  if (typeof body !== 'string' || body.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(body);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
