/**
 * API tokens: `jct_<id>_<secret>`. The id (12 base32 chars) finds the record; the secret
 * (32 random bytes, base64url) proves possession. Only SHA-256 of the secret is stored: the
 * secret has 256 bits of entropy, so a slow password hash would add cost without adding safety.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'jct';
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const TOKEN_PATTERN = /^jct_([a-z2-7]{12})_([A-Za-z0-9_-]{43})$/;

export interface NewTokenSecret {
  id: string;
  /** The whole token, shown once to its owner. */
  token: string;
  hash: string;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function newToken(random: (size: number) => Buffer = randomBytes): NewTokenSecret {
  const idBytes = random(12);
  let id = '';
  for (const byte of idBytes) id += ID_ALPHABET[byte % 32];
  const secret = random(32).toString('base64url');
  return { id, token: `${PREFIX}_${id}_${secret}`, hash: hashSecret(secret) };
}

/** Splits a presented token; undefined when it is not shaped like one of ours. */
export function parseToken(token: string): { id: string; secret: string } | undefined {
  const match = TOKEN_PATTERN.exec(token.trim());
  return match ? { id: match[1]!, secret: match[2]! } : undefined;
}

/** Constant-time comparison of a presented secret with a stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** A token id shown in logs and errors instead of the token: `jct_<id>_…`. */
export function redactToken(token: string): string {
  const parsed = parseToken(token);
  return parsed ? `${PREFIX}_${parsed.id}_…` : '(not a Junction token)';
}
