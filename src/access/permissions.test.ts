import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allows, canSeeTenant, PERMISSIONS, type Permission, rolesWith } from './permissions.js';
import { ROLES, type Role } from './types.js';

// The whole grant table, spelled out: a change to who may do what must change this test.
const EXPECTED: Record<Role, Permission[]> = {
  admin: [...PERMISSIONS],
  provider: ['cluster:read', 'compat:read', 'usage:read', 'sites:manage', 'payouts:read'],
  member: ['jobs:read', 'jobs:write', 'cluster:read', 'compat:read', 'usage:read'],
  viewer: ['jobs:read', 'cluster:read', 'compat:read', 'usage:read'],
};

describe('permissions', () => {
  for (const role of ROLES) {
    for (const permission of PERMISSIONS) {
      const want = EXPECTED[role].includes(permission);
      it(`${role} ${want ? 'may' : 'may not'} ${permission}`, () => assert.equal(allows(role, permission), want));
    }
  }

  it('names the roles that hold a permission', () => {
    assert.deepEqual(rolesWith('jobs:write'), ['admin', 'member']);
    assert.deepEqual(rolesWith('tokens:manage'), ['admin']);
  });

  it('scopes tenants: admin sees all, others only their own', () => {
    const p = (role: Role) => ({
      tenant: 'acme',
      user: 'u',
      role,
      tokenId: 'x',
      expiresAt: null,
      requestsPerMinute: null,
      maxBodyBytes: null,
    });
    assert.ok(canSeeTenant(p('admin'), 'other'));
    for (const role of ['provider', 'member', 'viewer'] as const) {
      assert.ok(canSeeTenant(p(role), 'acme'));
      assert.ok(!canSeeTenant(p(role), 'other'));
    }
  });
});
