/**
 * The REST API (see api-types.ts for the wire types) and the web console. Known failures map to
 * 4xx with the field at fault; anything else is a logged, opaque 500. Every API route declares the
 * permission it needs (auth.ts refuses to start otherwise).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyError } from 'fastify';
import type { Logger as PinoLogger } from 'pino';
import type { AuditEntry, Role } from '../access/types.js';
import type { SiteInfo } from '../cluster/types.js';
import type { SpecContext } from '../spec/context.js';
import { jobSpecJsonSchema } from '../spec/json-schema.js';
import { registerAccessRoutes } from './access-routes.js';
import type { AccessService } from './access-service.js';
import { apiError, SPEC_TYPES } from './api-errors.js';
import { registerAuth } from './auth.js';
import { registerClusterRoutes } from './cluster-routes.js';
import { registerCompatRoutes } from './compat-routes.js';
import type { CompatService } from './compat-service.js';
import type { SiteConfig } from './config.js';
import type { Controller } from './controller.js';
import { registerFederationRoutes } from './federation-routes.js';
import { registerJobRoutes } from './job-routes.js';
import type { Metrics } from './metrics.js';
import { openApiExtras } from './openapi.js';
import type { SiteRegistry } from './site-registry.js';
import { registerSiteRoutes } from './site-routes.js';
import type { TenantQueues } from './tenant-queues.js';
import { registerUsageRoutes } from './usage-routes.js';

export interface AppDeps {
  controller: Controller;
  compat: CompatService;
  access: AccessService;
  queues: TenantQueues;
  /** Site configuration (prices, datasets, queue waits, provider) for federation and metering. */
  siteConfigs: readonly SiteConfig[];
  metrics: Metrics;
  specContext: SpecContext;
  sites: readonly SiteInfo[];
  logger: PinoLogger | false;
  bodyLimit: number;
  requestsPerMinute: Readonly<Record<Role, number>>;
  adminTokenPath: string;
  audit: (entry: AuditEntry) => Promise<void>;
  /** The built console (index.html and assets); absent = a page that says how to build it. */
  consoleDir?: string;
  /** Sites providers register through the API; absent = no registration routes. */
  registry?: SiteRegistry;
}

const CONSOLE_MISSING = `<!doctype html><meta charset="utf-8"><title>Junction</title>
<p>The web console is not built. Run <code>npm run build:console</code> (or <code>npm start</code>, which builds it) and reload.</p>
<p>The API is at <a href="/openapi.json">/openapi.json</a>.</p>`;

export async function buildApp(deps: AppDeps) {
  const { controller } = deps;
  const siteConfig = (name: string) => deps.siteConfigs.find((s) => s.name === name);
  const federation = { controller, compat: deps.compat, sites: deps.siteConfigs, specContext: deps.specContext };
  const app = Fastify({
    loggerInstance: (deps.logger || undefined) as FastifyBaseLogger | undefined,
    logger: deps.logger ? undefined : false,
    bodyLimit: deps.bodyLimit,
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: false } },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Junction API', version: '1', description: 'Run AI work on any vendor’s accelerators.' },
      components: { securitySchemes: { token: { type: 'http', scheme: 'bearer' } } },
      security: [{ token: [] }],
    },
    transformObject: (doc) =>
      'openapiObject' in doc ? openApiExtras(doc.openapiObject, jobSpecJsonSchema()) : doc.swaggerObject,
  });

  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(SPEC_TYPES, { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.setErrorHandler((error: FastifyError & { error?: { code: string; message: string } }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) {
      request.log.error({ err: error, url: request.url }, 'request failed');
      return reply.status(500).send(apiError('internal', `internal error (request ${request.id}); see the server log`));
    }
    if (error.error?.code) return reply.status(status).send({ error: error.error });
    const code =
      status === 413
        ? 'payload_too_large'
        : status === 415
          ? 'unsupported_media_type'
          : error.validation
            ? 'invalid_request'
            : 'bad_request';
    const hint =
      status === 415
        ? `; send the job spec as ${SPEC_TYPES.join(', ')}`
        : status === 413
          ? `; the limit is ${deps.bodyLimit} bytes`
          : '';
    return reply
      .status(status)
      .send(apiError(code, `${error.message.replace(/^querystring\//, 'query parameter ')}${hint}`));
  });
  app.addHook('onResponse', async (request, reply) => {
    deps.metrics.countRequest(request.routeOptions.url ?? 'unknown', reply.statusCode);
  });

  await registerAuth(app, {
    access: deps.access,
    requestsPerMinute: deps.requestsPerMinute,
    audit: deps.audit,
    adminTokenPath: deps.adminTokenPath,
  });

  registerJobRoutes(app, { controller, specContext: deps.specContext, federation, queues: deps.queues });
  registerClusterRoutes(app, { controller, sites: () => deps.sites, siteConfig, queues: deps.queues });
  registerAccessRoutes(app, { access: deps.access, queues: deps.queues, controller });
  registerUsageRoutes(app, { controller, meter: { cluster: controller.cluster, site: siteConfig } });
  registerCompatRoutes(app, { controller, compat: deps.compat, specContext: deps.specContext });
  registerFederationRoutes(app, federation);
  if (deps.registry) registerSiteRoutes(app, deps.registry);

  app.get(
    '/api/v1/spec/schema',
    { config: { permission: 'public' }, schema: { summary: 'The job spec’s JSON Schema', tags: ['spec'] } },
    async () => jobSpecJsonSchema(),
  );
  app.get('/healthz', { config: { permission: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/metrics', { config: { permission: 'metrics:read' }, schema: { hide: true } }, async (_request, reply) =>
    reply.header('content-type', deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics()),
  );
  app.get('/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger());

  const consoleDir = deps.consoleDir;
  const consoleBuilt = consoleDir !== undefined && existsSync(join(consoleDir, 'index.html'));
  if (consoleBuilt) await app.register(fastifyStatic, { root: consoleDir, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    // The console routes in the browser: any other GET that is not the API gets its page.
    if (request.method === 'GET' && !path.startsWith('/api/') && path !== '/metrics') {
      if (consoleBuilt) return reply.type('text/html; charset=utf-8').sendFile('index.html');
      return reply.type('text/html; charset=utf-8').send(CONSOLE_MISSING);
    }
    return reply.status(404).send(apiError('not_found', `no route ${request.method} ${path}`));
  });
  return app;
}
