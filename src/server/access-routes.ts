/**
 * The platform's own resources: who am I, tenants and their queues (quota, borrowing limit,
 * weight), API tokens, and the audit log. Tokens are shown once, at creation; listings never carry
 * a secret or a hash.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { canSeeTenant } from '../access/permissions.js';
import { ROLES, type Role, type TokenRecord } from '../access/types.js';
import { AccessError, type AccessService, tokenView } from './access-service.js';
import { apiError, jsonObjectBody } from './api-errors.js';
import { principalOf } from './auth.js';
import { compileQueueTerms } from './config.js';
import type { Controller } from './controller.js';
import type { TenantQueues } from './tenant-queues.js';

export interface AccessRouteDeps {
  access: AccessService;
  queues: TenantQueues;
  controller: Controller;
}

const tags = ['platform'];

function sendAccessError(reply: FastifyReply, error: unknown) {
  if (error instanceof AccessError) return reply.status(error.status).send(apiError(error.code, error.message));
  throw error;
}

const BAD_JSON = 'body: send a JSON object';

/** Users are the names tokens are issued to: each with its roles, live tokens and last use. */
function usersOf(tokens: readonly TokenRecord[]) {
  const users = new Map<string, { user: string; roles: Set<Role>; activeTokens: number; lastUsedAt: string | null }>();
  for (const t of tokens) {
    const u = users.get(t.user) ?? { user: t.user, roles: new Set<Role>(), activeTokens: 0, lastUsedAt: null };
    const live = t.revokedAt === null && (t.expiresAt === null || Date.parse(t.expiresAt) > Date.now());
    if (live) {
      u.activeTokens++;
      u.roles.add(t.role);
    }
    if (t.lastUsedAt && (!u.lastUsedAt || t.lastUsedAt > u.lastUsedAt)) u.lastUsedAt = t.lastUsedAt;
    users.set(t.user, u);
  }
  return [...users.values()]
    .map((u) => ({ ...u, roles: [...u.roles].sort() }))
    .sort((a, b) => a.user.localeCompare(b.user));
}

export function registerAccessRoutes(app: FastifyInstance, deps: AccessRouteDeps): void {
  const { access, queues } = deps;

  app.get(
    '/api/v1/whoami',
    { config: { permission: 'cluster:read' }, schema: { summary: 'The caller: tenant, user, role', tags } },
    async (request) => {
      const p = principalOf(request);
      return { tenant: p.tenant, user: p.user, role: p.role, tokenId: p.tokenId, expiresAt: p.expiresAt };
    },
  );

  app.get(
    '/api/v1/tenants',
    { config: { permission: 'tenants:manage' }, schema: { summary: 'Every tenant', tags } },
    async () => ({
      items: access.listTenants().map((t) => ({
        ...t,
        queues: queues.of(t.name).map((q) => q.name),
        tokens: access.listTokens(t.name).filter((k) => k.revokedAt === null).length,
      })),
    }),
  );

  app.post(
    '/api/v1/tenants',
    { config: { permission: 'tenants:manage' }, schema: { summary: 'Create a tenant (and its first queue)', tags } },
    async (request, reply) => {
      const body = jsonObjectBody(request.body);
      if (!body) return reply.status(400).send(apiError('invalid_request', `${BAD_JSON} like {"name": "acme"}`));
      try {
        const tenant = await access.createTenant({
          name: body.name as string,
          ...(typeof body.displayName === 'string' && { displayName: body.displayName }),
        });
        await queues.ensureFor(tenant.name);
        return reply.status(201).send({ ...tenant, queues: queues.of(tenant.name) });
      } catch (error) {
        return sendAccessError(reply, error);
      }
    },
  );

  const tenantParams = {
    type: 'object',
    properties: { tenant: { type: 'string', maxLength: 63 }, queue: { type: 'string', maxLength: 63 } },
    required: ['tenant'],
  };

  app.get(
    '/api/v1/tenants/:tenant/queues',
    {
      config: { permission: 'jobs:read' },
      schema: { summary: 'A tenant’s queues with quota, limit and weight', tags, params: tenantParams },
    },
    async (request, reply) => {
      const { tenant } = request.params as { tenant: string };
      if (!canSeeTenant(principalOf(request), tenant) || !access.getTenant(tenant))
        return reply.status(404).send(apiError('not_found', `no tenant ${tenant}`));
      return { items: queues.of(tenant) };
    },
  );

  app.get(
    '/api/v1/tenants/:tenant/users',
    {
      config: { permission: 'jobs:read' },
      schema: { summary: 'A tenant’s people: each user with its roles and tokens', tags, params: tenantParams },
    },
    async (request, reply) => {
      const { tenant } = request.params as { tenant: string };
      if (!canSeeTenant(principalOf(request), tenant) || !access.getTenant(tenant))
        return reply.status(404).send(apiError('not_found', `no tenant ${tenant}`));
      return { items: usersOf(access.listTokens(tenant)) };
    },
  );

  app.put(
    '/api/v1/tenants/:tenant/queues/:queue',
    {
      config: { permission: 'tenants:manage' },
      schema: {
        summary: 'Create or change a tenant’s queue: quota, borrowing limit, weight',
        tags,
        params: tenantParams,
      },
    },
    async (request, reply) => {
      const { tenant, queue } = request.params as { tenant: string; queue: string };
      if (!access.getTenant(tenant)) return reply.status(404).send(apiError('not_found', `no tenant ${tenant}`));
      const body = jsonObjectBody(request.body);
      if (!body)
        return reply
          .status(400)
          .send(apiError('invalid_request', `${BAD_JSON} like {"weight": 1, "quota": {"devices": {"nvidia": 8}}}`));
      const terms = compileQueueTerms(body);
      if (!terms.ok) return reply.status(400).send(apiError('invalid_request', terms.issues.join('; ')));
      try {
        return await queues.put(tenant, queue, terms.terms);
      } catch (error) {
        return sendAccessError(reply, error);
      }
    },
  );

  app.get(
    '/api/v1/tokens',
    {
      config: { permission: 'tokens:manage' },
      schema: {
        summary: 'API tokens (never their secrets)',
        tags,
        querystring: { type: 'object', properties: { tenant: { type: 'string' } } },
      },
    },
    async (request) => {
      const { tenant } = request.query as { tenant?: string };
      return { items: access.listTokens(tenant).map(tokenView) };
    },
  );

  app.post(
    '/api/v1/tokens',
    {
      config: { permission: 'tokens:manage' },
      schema: { summary: 'Issue a token; the secret is in this answer only', tags },
    },
    async (request, reply) => {
      const body = jsonObjectBody(request.body);
      if (!body)
        return reply
          .status(400)
          .send(apiError('invalid_request', `${BAD_JSON} like {"tenant": "acme", "user": "alice", "role": "member"}`));
      for (const field of ['tenant', 'user', 'role'] as const) {
        if (typeof body[field] !== 'string')
          return reply.status(400).send(apiError('invalid_request', `${field}: required (a string)`));
      }
      if (!(ROLES as readonly string[]).includes(body.role as string))
        return reply.status(400).send(apiError('invalid_request', `role: must be one of ${ROLES.join(', ')}`));
      for (const field of ['expiresInDays', 'requestsPerMinute', 'maxBodyBytes'] as const) {
        const v = body[field];
        if (v !== undefined && (typeof v !== 'number' || !(v > 0)))
          return reply.status(400).send(apiError('invalid_request', `${field}: must be a positive number`));
      }
      try {
        const { token, record } = await access.issueToken({
          tenant: body.tenant as string,
          user: body.user as string,
          role: body.role as Role,
          ...(typeof body.name === 'string' && { name: body.name }),
          ...(typeof body.expiresInDays === 'number' && { expiresInDays: body.expiresInDays }),
          ...(typeof body.requestsPerMinute === 'number' && { requestsPerMinute: Math.floor(body.requestsPerMinute) }),
          ...(typeof body.maxBodyBytes === 'number' && { maxBodyBytes: Math.floor(body.maxBodyBytes) }),
        });
        return reply.status(201).send({ ...tokenView(record), token });
      } catch (error) {
        return sendAccessError(reply, error);
      }
    },
  );

  app.delete(
    '/api/v1/tokens/:id',
    {
      config: { permission: 'tokens:manage' },
      schema: {
        summary: 'Revoke a token (at once, for every later request)',
        tags,
        params: { type: 'object', properties: { id: { type: 'string', maxLength: 64 } }, required: ['id'] },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      try {
        return tokenView(await access.revokeToken(id));
      } catch (error) {
        return sendAccessError(reply, error);
      }
    },
  );

  app.get(
    '/api/v1/audit',
    {
      config: { permission: 'audit:read' },
      schema: {
        summary: 'Every state-changing call: who, what, when, from where (newest first)',
        tags,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            tenant: { type: 'string' },
            before: { type: 'integer', minimum: 1 },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
          },
        },
      },
    },
    async (request) => {
      const q = request.query as { tenant?: string; before?: number; limit: number };
      return {
        items: await deps.controller.store.listAudit({
          ...(q.tenant !== undefined && { tenant: q.tenant }),
          ...(q.before !== undefined && { beforeSeq: q.before }),
          limit: q.limit,
        }),
      };
    },
  );
}
