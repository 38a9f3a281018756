/**
 * Paging cursors: the (createdAt, id) key of the last job on a page, as opaque base64url text.
 * Pages are newest first, so the next page starts strictly below this key.
 */
import { StoreError } from '../errors.js';

export interface JobKey {
  createdAt: string;
  id: string;
}

export function encodeCursor(key: JobKey): string {
  return Buffer.from(JSON.stringify([key.createdAt, key.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): JobKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (cause) {
    throw invalid(cursor, cause);
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || !parsed.every((part) => typeof part === 'string')) {
    throw invalid(cursor);
  }
  const [createdAt, id] = parsed as [string, string];
  return { createdAt, id };
}

function invalid(cursor: string, cause?: unknown): StoreError {
  const shown = cursor.length > 40 ? `${cursor.slice(0, 40)}…` : cursor;
  return new StoreError(
    'InvalidCursor',
    'listJobs',
    `invalid cursor "${shown}": pass nextCursor from a previous page`,
    {
      cause,
    },
  );
}
