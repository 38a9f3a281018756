/**
 * Checks a presented token against its stored record at a moment in time. Every failure has the
 * same public message: a caller learns only that the token does not work, never which part failed
 * (the reason is for the server's own log).
 */
import { parseToken, secretMatches } from './tokens.js';
import type { Principal, TokenRecord } from './types.js';

export type TokenCheck =
  | { ok: true; principal: Principal }
  | { ok: false; reason: 'malformed' | 'unknown' | 'mismatch' | 'revoked' | 'expired' };

export function checkToken(presented: string, lookup: (id: string) => TokenRecord | undefined, now: Date): TokenCheck {
  const parsed = parseToken(presented);
  if (!parsed) return { ok: false, reason: 'malformed' };
  const record = lookup(parsed.id);
  if (!record) return { ok: false, reason: 'unknown' };
  if (!secretMatches(parsed.secret, record.hash)) return { ok: false, reason: 'mismatch' };
  if (record.revokedAt !== null) return { ok: false, reason: 'revoked' };
  if (record.expiresAt !== null && Date.parse(record.expiresAt) <= now.getTime())
    return { ok: false, reason: 'expired' };
  return {
    ok: true,
    principal: {
      tenant: record.tenant,
      user: record.user,
      role: record.role,
      tokenId: record.id,
      expiresAt: record.expiresAt,
      requestsPerMinute: record.requestsPerMinute,
      maxBodyBytes: record.maxBodyBytes,
    },
  };
}
