/**
 * The authorization matrix's table (test/authorization.test.ts): every API route with the
 * permission it needs, whether it touches a tenant's resources, and how to call it for a role on
 * its own tenant or another's; who may do what, written independently of the server's table.
 */
export type Role = 'admin' | 'provider' | 'member' | 'viewer';
export type Scope = 'own' | 'other';

// Who may do what, written out here independently of the server's table.
const GRANTS: Record<Role, string[]> = {
  admin: ['*'],
  provider: ['cluster:read', 'compat:read', 'usage:read', 'sites:manage', 'payouts:read'],
  member: ['jobs:read', 'jobs:write', 'cluster:read', 'compat:read', 'usage:read'],
  viewer: ['jobs:read', 'cluster:read', 'compat:read', 'usage:read'],
};
export const may = (role: Role, permission: string) => GRANTS[role].includes('*') || GRANTS[role].includes(permission);

export interface World {
  jobs: Record<'acme' | 'globex', string>;
  tenantOf: Record<Role, string>;
  otherOf: Record<Role, string>;
  /** A fresh token id to revoke (so each DELETE has its own). */
  spareToken(): Promise<string>;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** As the server names it (checked against /openapi.json). */
  pattern: string;
  permission: string;
  /** The route touches a tenant's resource: another tenant's answers 404. */
  scoped?: boolean;
  /** A role that holds the permission but is still refused (403) by the route's own rule. */
  refused?: Role[];
  request(w: World, role: Role, scope: Scope): Promise<{ path: string; body?: string; type?: string }>;
}

export const yaml = (name: string) =>
  `apiVersion: junction/v1\nkind: Job\nmetadata: {name: ${name}}\nspec:\n  workload: {command: [sleep, "30"]}\n  resources: {perReplica: {cpu: 100m, memory: 64Mi}}\n`;
export const json = (value: unknown) => ({ body: JSON.stringify(value), type: 'application/json' });
const jobOf = (w: World, role: Role, scope: Scope) =>
  w.jobs[(scope === 'own' ? w.tenantOf[role] : w.otherOf[role]) === 'globex' ? 'globex' : 'acme'];
const tenantFor = (w: World, role: Role, scope: Scope) => (scope === 'own' ? w.tenantOf[role] : w.otherOf[role]);

let counter = 0;
export const ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: '/api/v1/whoami',
    permission: 'cluster:read',
    request: async () => ({ path: '/api/v1/whoami' }),
  },
  { method: 'GET', pattern: '/api/v1/jobs', permission: 'jobs:read', request: async () => ({ path: '/api/v1/jobs' }) },
  {
    method: 'POST',
    pattern: '/api/v1/jobs',
    permission: 'jobs:write',
    request: async () => ({ path: '/api/v1/jobs', body: yaml(`m${++counter}`), type: 'application/yaml' }),
  },
  ...(['', '/events', '/explain', '/logs'] as const).map(
    (suffix): Route => ({
      method: 'GET',
      pattern: `/api/v1/jobs/:id${suffix}`,
      permission: 'jobs:read',
      scoped: true,
      request: async (w, role, scope) => ({ path: `/api/v1/jobs/${jobOf(w, role, scope)}${suffix}` }),
    }),
  ),
  {
    method: 'POST',
    pattern: '/api/v1/jobs/:id/cancel',
    permission: 'jobs:write',
    scoped: true,
    request: async (w, role, scope) => ({ path: `/api/v1/jobs/${jobOf(w, role, scope)}/cancel` }),
  },
  {
    method: 'POST',
    pattern: '/api/v1/spec/validate',
    permission: 'jobs:read',
    request: async () => ({ path: '/api/v1/spec/validate', body: yaml('v'), type: 'application/yaml' }),
  },
  {
    method: 'POST',
    pattern: '/api/v1/plan',
    permission: 'jobs:read',
    request: async () => ({ path: '/api/v1/plan', body: yaml('p'), type: 'application/yaml' }),
  },
  {
    method: 'GET',
    pattern: '/api/v1/nodes',
    permission: 'cluster:read',
    request: async () => ({ path: '/api/v1/nodes' }),
  },
  {
    method: 'GET',
    pattern: '/api/v1/sites',
    permission: 'cluster:read',
    request: async () => ({ path: '/api/v1/sites' }),
  },
  {
    method: 'GET',
    pattern: '/api/v1/queues',
    permission: 'jobs:read',
    request: async () => ({ path: '/api/v1/queues' }),
  },
  {
    method: 'GET',
    pattern: '/api/v1/tenants',
    permission: 'tenants:manage',
    request: async () => ({ path: '/api/v1/tenants' }),
  },
  {
    method: 'POST',
    pattern: '/api/v1/tenants',
    permission: 'tenants:manage',
    request: async () => ({ path: '/api/v1/tenants', ...json({ name: `t${++counter}` }) }),
  },
  {
    method: 'GET',
    pattern: '/api/v1/tenants/:tenant/queues',
    permission: 'jobs:read',
    scoped: true,
    request: async (w, role, scope) => ({ path: `/api/v1/tenants/${tenantFor(w, role, scope)}/queues` }),
  },
  {
    method: 'GET',
    pattern: '/api/v1/tenants/:tenant/users',
    permission: 'jobs:read',
    scoped: true,
    request: async (w, role, scope) => ({ path: `/api/v1/tenants/${tenantFor(w, role, scope)}/users` }),
  },
  {
    method: 'PUT',
    pattern: '/api/v1/tenants/:tenant/queues/:queue',
    permission: 'tenants:manage',
    request: async (w, role, scope) => ({
      path: `/api/v1/tenants/${tenantFor(w, role, scope)}/queues/q${++counter}`,
      ...json({ weight: 1 }),
    }),
  },
  {
    method: 'GET',
    pattern: '/api/v1/tokens',
    permission: 'tokens:manage',
    request: async () => ({ path: '/api/v1/tokens' }),
  },
  {
    method: 'POST',
    pattern: '/api/v1/tokens',
    permission: 'tokens:manage',
    request: async () => ({ path: '/api/v1/tokens', ...json({ tenant: 'acme', user: 'bob', role: 'viewer' }) }),
  },
  {
    method: 'DELETE',
    pattern: '/api/v1/tokens/:id',
    permission: 'tokens:manage',
    request: async (w) => ({ path: `/api/v1/tokens/${await w.spareToken()}` }),
  },
  {
    method: 'GET',
    pattern: '/api/v1/audit',
    permission: 'audit:read',
    request: async () => ({ path: '/api/v1/audit' }),
  },
  {
    method: 'GET',
    pattern: '/api/v1/usage',
    permission: 'usage:read',
    request: async () => ({ path: '/api/v1/usage' }),
  },
  {
    method: 'GET',
    pattern: '/api/v1/bills',
    permission: 'usage:read',
    scoped: true,
    refused: ['provider'],
    request: async (w, role, scope) => ({ path: `/api/v1/bills?tenant=${tenantFor(w, role, scope)}` }),
  },
  {
    method: 'GET',
    pattern: '/api/v1/payouts',
    permission: 'payouts:read',
    scoped: true,
    request: async (w, role, scope) => ({ path: `/api/v1/payouts?provider=${tenantFor(w, role, scope)}` }),
  },
  {
    method: 'GET',
    pattern: '/api/v1/compat/matrix',
    permission: 'compat:read',
    request: async () => ({ path: '/api/v1/compat/matrix' }),
  },
  {
    method: 'GET',
    pattern: '/api/v1/compat/kb',
    permission: 'compat:read',
    request: async () => ({ path: '/api/v1/compat/kb' }),
  },
  {
    method: 'POST',
    pattern: '/api/v1/compat/kb',
    permission: 'compat:write',
    request: async () => ({ path: '/api/v1/compat/kb', ...json({}) }),
  },
  {
    method: 'GET',
    pattern: '/api/v1/compat/kb/history',
    permission: 'compat:read',
    request: async () => ({ path: '/api/v1/compat/kb/history' }),
  },
  {
    method: 'POST',
    pattern: '/api/v1/compat/explain',
    permission: 'compat:read',
    request: async () => ({ path: '/api/v1/compat/explain', body: yaml('e'), type: 'application/yaml' }),
  },
  {
    method: 'GET',
    pattern: '/api/v1/compat/certificates/:model',
    permission: 'compat:read',
    request: async () => ({ path: '/api/v1/compat/certificates/nvidia-h100-sxm' }),
  },
  {
    method: 'POST',
    pattern: '/api/v1/compat/probes',
    permission: 'compat:write',
    request: async () => ({ path: '/api/v1/compat/probes', ...json({}) }),
  },
  { method: 'GET', pattern: '/metrics', permission: 'metrics:read', request: async () => ({ path: '/metrics' }) },
  {
    method: 'POST',
    pattern: '/api/v1/sites',
    permission: 'sites:manage',
    request: async () => ({ path: '/api/v1/sites', ...json(siteBody(`reg-${++counter}`)) }),
  },
  {
    method: 'PUT',
    pattern: '/api/v1/sites/:name',
    permission: 'sites:manage',
    scoped: true,
    request: async (_w, _role, scope) => ({
      path: `/api/v1/sites/${scope === 'own' ? 'partner-site' : 'other-partner-site'}`,
      ...json({ queueWaitSeconds: 60 + counter++ }),
    }),
  },
];

export function siteBody(name: string, provider?: string) {
  return {
    name,
    backend: 'emulated',
    region: 'test',
    ...(provider && { provider }),
    prices: [{ model: 'nvidia-a100-80gb', perHour: 0.8 }],
    nodes: [
      {
        name: 'n',
        count: 1,
        cpu: '8',
        memory: '64Gi',
        devices: { vendor: 'nvidia', model: 'nvidia-a100-80gb', count: 2 },
      },
    ],
  };
}

/** Routes that need no token at all. */
export const PUBLIC = ['GET /api/v1/spec/schema', 'GET /healthz', 'GET /openapi.json'];
