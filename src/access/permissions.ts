/**
 * What each role may do. Routes name one permission; the server refuses with 403 when the
 * caller's role lacks it, and scopes every tenant-owned resource to the caller's tenant (404 for
 * another tenant's, see `canSeeTenant`), so a permission never reaches across tenants except for admin.
 * A provider's `usage:read` covers usage on its own sites (its payouts), never a tenant's bill.
 */
import type { Principal, Role } from './types.js';

export const PERMISSIONS = [
  'jobs:read',
  'jobs:write',
  'cluster:read',
  'compat:read',
  'compat:write',
  'usage:read',
  'sites:manage',
  'payouts:read',
  'tenants:manage',
  'tokens:manage',
  'audit:read',
  'metrics:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = ['jobs:read', 'cluster:read', 'compat:read', 'usage:read'];

const GRANTS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  admin: new Set(PERMISSIONS),
  provider: new Set<Permission>(['cluster:read', 'compat:read', 'usage:read', 'sites:manage', 'payouts:read']),
  member: new Set<Permission>([...READ, 'jobs:write']),
  viewer: new Set<Permission>(READ),
};

export function allows(role: Role, permission: Permission): boolean {
  return GRANTS[role].has(permission);
}

/** Admin sees every tenant; everyone else only their own. */
export function canSeeTenant(principal: Principal, tenant: string): boolean {
  return principal.role === 'admin' || principal.tenant === tenant;
}

/** The roles that hold a permission, for error messages ("needs member or admin"). */
export function rolesWith(permission: Permission): Role[] {
  return (Object.keys(GRANTS) as Role[]).filter((role) => GRANTS[role].has(permission));
}
