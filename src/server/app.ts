/**
 * The REST API (see api-types.ts for the routes and wire types). Known failures map to 4xx with
 * the field at fault; anything else is a logged, opaque 500.
 */
import { Readable } from 'node:stream';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyError } from 'fastify';
import type { Logger as PinoLogger } from 'pino';
import type { SiteInfo } from '../cluster/types.js';
import type { SpecContext } from '../spec/context.js';
import { jobSpecJsonSchema } from '../spec/json-schema.js';
import { parseJobSpec } from '../spec/parse.js';
import { StoreError } from '../store/errors.js';
import { JOB_PHASES, type JobPage, type JobPhase } from '../store/types.js';
import type { ApiError, JobList, QueueList, SiteList } from './api-types.js';
import { registerCompatRoutes } from './compat-routes.js';
import type { CompatService } from './compat-service.js';
import type { SiteConfig } from './config.js';
import type { Controller } from './controller.js';
import { explainJob, planLines } from './explain.js';
import { planFor, registerFederationRoutes } from './federation-routes.js';
import { jobLogs } from './job-logs.js';
import type { Metrics } from './metrics.js';
import { openApiExtras } from './openapi.js';
import { jobView, nodeViews } from './views.js';

export interface AppDeps {
  controller: Controller;
  compat: CompatService;
  /** Site configuration (prices, datasets, queue waits) for federation. */
  siteConfigs: readonly SiteConfig[];
  metrics: Metrics;
  specContext: SpecContext;
  sites: readonly SiteInfo[];
  logger: PinoLogger | false;
  bodyLimit: number;
}

const SPEC_TYPES = [
  'application/json',
  'application/yaml',
  'application/x-yaml',
  'text/yaml',
  'text/x-yaml',
  'text/plain',
];
const TENANT = 'default';

function apiError(code: string, message: string, extra: Partial<ApiError> = {}): { error: ApiError } {
  return { error: { code, message, ...extra } };
}

const idParams = {
  type: 'object',
  properties: { id: { type: 'string', minLength: 1, maxLength: 128 } },
  required: ['id'],
};

export async function buildApp(deps: AppDeps) {
  const { controller } = deps;
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
    },
    transformObject: (doc) =>
      'openapiObject' in doc ? openApiExtras(doc.openapiObject, jobSpecJsonSchema()) : doc.swaggerObject,
  });

  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(SPEC_TYPES, { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) {
      request.log.error({ err: error, url: request.url }, 'request failed');
      return reply.status(500).send(apiError('internal', `internal error (request ${request.id}); see the server log`));
    }
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
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(apiError('not_found', `no route ${request.method} ${request.url.split('?')[0]}`)),
  );
  app.addHook('onResponse', async (request, reply) => {
    deps.metrics.countRequest(request.routeOptions.url ?? 'unknown', reply.statusCode);
  });

  app.post(
    '/api/v1/jobs',
    { schema: { summary: 'Submit a job spec (YAML or JSON)', tags: ['jobs'] } },
    async (request, reply) => {
      const text = typeof request.body === 'string' ? request.body : '';
      if (text.trim() === '') {
        return reply
          .status(400)
          .send(apiError('invalid_spec', 'the request body is empty; send a job spec as YAML or JSON'));
      }
      const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim();
      const format = type === 'application/json' ? 'json' : type === 'text/plain' ? 'auto' : 'yaml';
      const parsed = parseJobSpec(text, deps.specContext, format);
      if (!parsed.ok) {
        const first = parsed.issues[0]!;
        const more = parsed.issues.length > 1 ? ` (and ${parsed.issues.length - 1} more)` : '';
        return reply.status(400).send(
          apiError('invalid_spec', `invalid job spec: ${first.path}: ${first.message}${more}`, {
            issues: parsed.issues,
          }),
        );
      }
      if (
        parsed.spec.placement.deadline !== undefined &&
        parsed.spec.resources.perReplica.accelerators.kind !== 'none'
      ) {
        const plan = planFor(federation, parsed.spec, Date.now());
        if (!plan.chosen) {
          return reply
            .status(422)
            .send(apiError('deadline_unreachable', plan.refusal ?? 'no site can run this job in time'));
        }
      }
      const job = await controller.submit(parsed.spec, text, TENANT);
      return reply.status(201).header('location', `/api/v1/jobs/${job.id}`).send(jobView(job, []));
    },
  );

  app.get(
    '/api/v1/jobs',
    {
      schema: {
        summary: 'List jobs, newest first',
        tags: ['jobs'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            phase: { type: 'string', description: `comma-separated: ${JOB_PHASES.join(', ')}` },
            queue: { type: 'string' },
            name: { type: 'string', description: 'substring of the job name' },
            label: {
              anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
              description: 'key=value',
            },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
            cursor: { type: 'string' },
          },
        },
      },
    },
    async (request, reply) => {
      const q = request.query as {
        phase?: string;
        queue?: string;
        name?: string;
        label?: string | string[];
        limit: number;
        cursor?: string;
      };
      const phases = q.phase ? q.phase.split(',').map((p) => p.trim()) : undefined;
      const badPhase = phases?.find((p) => !(JOB_PHASES as readonly string[]).includes(p));
      if (badPhase !== undefined) {
        return reply
          .status(400)
          .send(
            apiError(
              'invalid_request',
              `query parameter phase: unknown phase "${badPhase}"; use one of ${JOB_PHASES.join(', ')}`,
            ),
          );
      }
      const labels: Record<string, string> = {};
      for (const pair of [q.label ?? []].flat()) {
        const eq = pair.indexOf('=');
        if (eq <= 0)
          return reply
            .status(400)
            .send(apiError('invalid_request', `query parameter label: "${pair}" is not key=value`));
        labels[pair.slice(0, eq)] = pair.slice(eq + 1);
      }
      let page: JobPage;
      try {
        page = await controller.store.listJobs({
          phases: phases as JobPhase[] | undefined,
          queue: q.queue,
          name: q.name,
          labels,
          limit: q.limit,
          cursor: q.cursor,
          tenant: TENANT,
        });
      } catch (error) {
        if (error instanceof StoreError && error.code === 'InvalidCursor') {
          return reply
            .status(400)
            .send(
              apiError(
                'invalid_request',
                'query parameter cursor: not a cursor from a previous page; omit it to start over',
              ),
            );
        }
        throw error;
      }
      const items = await Promise.all(page.items.map(async (j) => jobView(j, await controller.store.tasksOfJob(j.id))));
      return { items, nextCursor: page.nextCursor } satisfies JobList;
    },
  );

  app.get(
    '/api/v1/jobs/:id',
    { schema: { summary: 'Get a job', tags: ['jobs'], params: idParams } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const job = controller.active.get(id) ?? (await controller.store.getJob(id));
      if (!job || job.tenant !== TENANT) return reply.status(404).send(apiError('not_found', `no job ${id}`));
      return jobView(job, await controller.store.tasksOfJob(id));
    },
  );

  app.post(
    '/api/v1/jobs/:id/cancel',
    { schema: { summary: 'Cancel a job', tags: ['jobs'], params: idParams } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const job = await controller.cancel(id);
      if (!job) return reply.status(404).send(apiError('not_found', `no job ${id}`));
      return reply.status(202).send(jobView(job, await controller.store.tasksOfJob(id)));
    },
  );

  app.get(
    '/api/v1/jobs/:id/logs',
    {
      schema: {
        summary: 'A replica’s output; follow=true streams until the job ends',
        tags: ['jobs'],
        params: idParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            follow: { type: 'boolean', default: false },
            replica: { type: 'integer', minimum: 0, default: 0 },
          },
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const { follow, replica } = request.query as { follow: boolean; replica: number };
      const job = controller.active.get(id) ?? (await controller.store.getJob(id));
      if (!job) return reply.status(404).send(apiError('not_found', `no job ${id}`));
      if (replica >= job.spec.resources.replicas) {
        return reply
          .status(400)
          .send(
            apiError(
              'invalid_request',
              `query parameter replica: job has ${job.spec.resources.replicas} replica(s), 0-based`,
            ),
          );
      }
      const abort = new AbortController();
      request.raw.on('close', () => abort.abort());
      reply.raw.on('close', () => abort.abort());
      reply.header('content-type', 'text/plain; charset=utf-8').header('cache-control', 'no-cache');
      return reply.send(Readable.from(jobLogs(controller, id, replica, follow, abort.signal)));
    },
  );

  app.get(
    '/api/v1/jobs/:id/events',
    {
      schema: {
        summary: 'A job’s events in order',
        tags: ['jobs'],
        params: idParams,
        querystring: {
          type: 'object',
          properties: { afterSeq: { type: 'integer', minimum: 0 } },
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const { afterSeq } = request.query as { afterSeq?: number };
      const job = controller.active.get(id) ?? (await controller.store.getJob(id));
      if (!job) return reply.status(404).send(apiError('not_found', `no job ${id}`));
      return { items: await controller.store.listEvents({ jobId: id, afterSeq, limit: 1000 }) };
    },
  );

  app.get(
    '/api/v1/jobs/:id/explain',
    { schema: { summary: 'Why a job waits, or why it went where it went', tags: ['jobs'], params: idParams } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const job = controller.active.get(id) ?? (await controller.store.getJob(id));
      if (!job) return reply.status(404).send(apiError('not_found', `no job ${id}`));
      const explanation = explainJob(controller, job);
      if (job.spec.resources.perReplica.accelerators.kind === 'none') return explanation;
      return {
        ...explanation,
        details: [...explanation.details, ...planLines(planFor(federation, job.spec, Date.now()))],
      };
    },
  );

  app.get(
    '/api/v1/nodes',
    {
      schema: {
        summary: 'Nodes and devices with their allocation',
        tags: ['cluster'],
        querystring: { type: 'object', properties: { site: { type: 'string' } } },
      },
    },
    async (request) => {
      const { site } = request.query as { site?: string };
      return { items: nodeViews(controller.cluster).filter((n) => !site || n.site === site) };
    },
  );

  app.get('/api/v1/sites', { schema: { summary: 'Sites', tags: ['cluster'] } }, async () => {
    const views = nodeViews(controller.cluster);
    const items = deps.sites.map((s) => {
      const nodes = views.filter((n) => n.site === s.name);
      return { ...s, nodes: nodes.length, devices: nodes.reduce((sum, n) => sum + n.devices.length, 0) };
    });
    return { items } satisfies SiteList;
  });

  app.get(
    '/api/v1/queues',
    { schema: { summary: 'Queues with pending and running counts', tags: ['cluster'] } },
    async () => {
      const counts = new Map<string, { pending: number; running: number }>([['default', { pending: 0, running: 0 }]]);
      for (const job of controller.active.values()) {
        const c = counts.get(job.queue) ?? { pending: 0, running: 0 };
        if (job.phase === 'Pending') c.pending++;
        else c.running++;
        counts.set(job.queue, c);
      }
      return { items: [...counts.entries()].map(([name, c]) => ({ name, ...c })) } satisfies QueueList;
    },
  );

  app.get('/api/v1/spec/schema', { schema: { summary: 'The job spec’s JSON Schema', tags: ['spec'] } }, async () =>
    jobSpecJsonSchema(),
  );
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
    reply.header('content-type', deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics()),
  );
  registerCompatRoutes(app, { controller, compat: deps.compat, specContext: deps.specContext });
  registerFederationRoutes(app, federation);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
