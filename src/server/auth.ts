/**
 * Authentication, authorization, request limits and the audit log, as Fastify hooks. Every route
 * declares `config.permission` (or 'public'); a route without one is a startup error, so no API
 * route can forget to check. Tokens travel only in the Authorization header and never reach a log
 * line or an error body.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { allows, type Permission, rolesWith } from '../access/permissions.js';
import type { AuditEntry, Principal, Role } from '../access/types.js';
import type { AccessService } from './access-service.js';
import type { ApiError } from './api-types.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    permission?: Permission | 'public';
  }
}

export interface AuthOptions {
  access: AccessService;
  /** Requests per minute per token when the token sets none. */
  requestsPerMinute: Readonly<Record<Role, number>>;
  /** Stores an audit entry; awaited before the answer leaves, so an answered call is on record. */
  audit: (entry: AuditEntry) => Promise<void>;
  /** Where the admin token lives, for the 401 hint. */
  adminTokenPath: string;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function deny(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.status(status).send({ error: { code, message } satisfies ApiError });
}

/** The principal of an authorized request (routes with a permission always have one). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error(`route ${request.routeOptions.url} ran without a principal`);
  return request.principal;
}

function guarded(url: string): boolean {
  return url.startsWith('/api/') || url === '/metrics';
}

export async function registerAuth(app: FastifyInstance, options: AuthOptions): Promise<void> {
  app.addHook('onRoute', (route) => {
    if (!guarded(route.url) || route.config?.permission !== undefined) return;
    throw new Error(`route ${route.method} ${route.url} declares no permission (config.permission)`);
  });

  app.addHook('onRequest', async (request, reply) => {
    const permission = request.routeOptions.config?.permission;
    if (permission === undefined || permission === 'public') return;
    const header = request.headers.authorization;
    const presented = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!presented) {
      reply.header('www-authenticate', 'Bearer');
      return deny(
        reply,
        401,
        'unauthorized',
        `missing token: send "Authorization: Bearer <token>" (run \`junction login\`, or use the admin token in ${options.adminTokenPath} on the server's machine)`,
      );
    }
    const check = options.access.authenticate(presented);
    if (!check.ok) {
      request.log.info({ reason: check.reason }, 'token refused');
      reply.header('www-authenticate', 'Bearer error="invalid_token"');
      return deny(
        reply,
        401,
        'unauthorized',
        'the token is not valid (unknown, revoked or expired); ask an admin of this Junction for a new one',
      );
    }
    request.principal = check.principal;
    if (!allows(check.principal.role, permission)) {
      return deny(
        reply,
        403,
        'forbidden',
        `role ${check.principal.role} may not do this (${permission}); it needs ${rolesWith(permission).join(' or ')}`,
      );
    }
    const maxBody = check.principal.maxBodyBytes;
    const length = Number(request.headers['content-length'] ?? 0);
    if (maxBody !== null && length > maxBody) {
      return deny(
        reply,
        413,
        'payload_too_large',
        `this token may send at most ${maxBody} bytes per request; the body has ${length}`,
      );
    }
  });

  await app.register(rateLimit, {
    global: true,
    hook: 'preHandler',
    timeWindow: 60_000,
    keyGenerator: (request) => (request.principal ? `token:${request.principal.tokenId}` : `ip:${request.ip}`),
    max: (request) => {
      const p = request.principal;
      if (!p) return 600;
      return p.requestsPerMinute ?? options.requestsPerMinute[p.role];
    },
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: {
        code: 'rate_limited',
        message: `rate limit of ${context.max} requests per minute for this token reached; retry in ${Math.ceil(context.ttl / 1000)} s`,
      },
    }),
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (!STATE_CHANGING.has(request.method) || !guarded(request.url)) return payload;
    const p = request.principal;
    const params = (request.params ?? {}) as Record<string, string>;
    await options.audit({
      at: new Date().toISOString(),
      tenant: p?.tenant ?? null,
      user: p?.user ?? null,
      role: p?.role ?? null,
      tokenId: p?.tokenId ?? null,
      method: request.method,
      route: request.routeOptions.url ?? request.url.split('?')[0]!,
      target: params.id ?? params.name ?? params.queue ?? params.tenant ?? null,
      status: reply.statusCode,
      ip: request.ip,
    });
    return payload;
  });
}
