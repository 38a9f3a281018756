/**
 * Who may do what: tenants (organizations), their people's roles, and API tokens. Plain data;
 * the store keeps it, the server checks it on every call.
 */

/**
 * - admin: the compute center; sees and manages every tenant.
 * - provider: a partner organization running sites; registers and updates its own sites, reads its payouts.
 * - member: a tenant's person; submits and manages the tenant's jobs, reads its usage and bills.
 * - viewer: a tenant's person with read-only access.
 */
export const ROLES = ['admin', 'provider', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface TenantRecord {
  /** DNS-label-like id, e.g. `acme`. */
  name: string;
  displayName: string;
  createdAt: string;
}

export interface TokenRecord {
  /** Public id, also the token's prefix; safe to show and log. */
  id: string;
  tenant: string;
  user: string;
  role: Role;
  /** A label for people ("ci", "laptop"). */
  name: string;
  /** SHA-256 of the secret part, hex. The secret itself is never stored. */
  hash: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  /** Per-token overrides; null = the server's default for the role. */
  requestsPerMinute: number | null;
  maxBodyBytes: number | null;
}

/** The caller of one request, once its token checked out. */
export interface Principal {
  tenant: string;
  user: string;
  role: Role;
  tokenId: string;
  expiresAt: string | null;
  requestsPerMinute: number | null;
  maxBodyBytes: number | null;
}

/** One state-changing call, as the audit log keeps it. */
export interface AuditEntry {
  at: string;
  tenant: string | null;
  user: string | null;
  role: Role | null;
  tokenId: string | null;
  method: string;
  /** The route pattern, e.g. `/api/v1/jobs/:id/cancel`. */
  route: string;
  /** The resource acted on (job id, tenant, token id...), when there is one. */
  target: string | null;
  status: number;
  ip: string;
}

export interface AuditRecord extends AuditEntry {
  seq: number;
}
