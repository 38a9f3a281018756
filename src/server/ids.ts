import { randomBytes } from 'node:crypto';

/** Job ids sort by submission time and are unique without coordination: `j-<time36>-<random>`. */
export function newJobId(nowMs: number): string {
  return `j-${nowMs.toString(36)}-${randomBytes(3).toString('hex')}`;
}
