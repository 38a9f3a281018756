/**
 * Jobs over HTTP: submit, list, get, cancel, logs, events, explain, and spec validation. Every
 * job belongs to the caller's tenant; another tenant's job answers 404 as if it did not exist
 * (admins see every tenant).
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { canSeeTenant } from '../access/permissions.js';
import type { SpecContext } from '../spec/context.js';
import { parseJobSpec } from '../spec/parse.js';
import { StoreError } from '../store/errors.js';
import { JOB_PHASES, type JobPage, type JobPhase, type JobRecord } from '../store/types.js';
import { AccessError } from './access-service.js';
import { apiError, idParams, specFormat } from './api-errors.js';
import type { JobList } from './api-types.js';
import { principalOf } from './auth.js';
import type { Controller } from './controller.js';
import { explainJob, planLines } from './explain.js';
import { type FederationDeps, planFor } from './federation-routes.js';
import { jobLogs } from './job-logs.js';
import type { TenantQueues } from './tenant-queues.js';
import { jobView } from './views.js';

export interface JobRouteDeps {
  controller: Controller;
  specContext: SpecContext;
  federation: FederationDeps;
  queues: TenantQueues;
}

/** The job when the caller may see it; undefined (answered as 404) otherwise. */
export async function visibleJob(
  controller: Controller,
  request: FastifyRequest,
  id: string,
): Promise<JobRecord | undefined> {
  const job = controller.active.get(id) ?? (await controller.store.getJob(id));
  return job && canSeeTenant(principalOf(request), job.tenant) ? job : undefined;
}

export function registerJobRoutes(app: FastifyInstance, deps: JobRouteDeps): void {
  const { controller, federation } = deps;

  app.post(
    '/api/v1/spec/validate',
    {
      config: { permission: 'jobs:read' },
      schema: {
        summary: 'Check a job spec without submitting it; 400 lists every issue with its field',
        tags: ['spec'],
      },
    },
    async (request, reply) => {
      const text = typeof request.body === 'string' ? request.body : '';
      if (text.trim() === '')
        return reply
          .status(400)
          .send(apiError('invalid_spec', 'the request body is empty; send a job spec as YAML or JSON'));
      const parsed = parseJobSpec(text, deps.specContext, specFormat(request.headers['content-type']));
      if (!parsed.ok) {
        const first = parsed.issues[0]!;
        return reply
          .status(400)
          .send(
            apiError('invalid_spec', `invalid job spec: ${first.path}: ${first.message}`, { issues: parsed.issues }),
          );
      }
      return { valid: true, spec: parsed.spec };
    },
  );

  app.post(
    '/api/v1/jobs',
    { config: { permission: 'jobs:write' }, schema: { summary: 'Submit a job spec (YAML or JSON)', tags: ['jobs'] } },
    async (request, reply) => {
      const principal = principalOf(request);
      const text = typeof request.body === 'string' ? request.body : '';
      if (text.trim() === '') {
        return reply
          .status(400)
          .send(apiError('invalid_spec', 'the request body is empty; send a job spec as YAML or JSON'));
      }
      const parsed = parseJobSpec(text, deps.specContext, specFormat(request.headers['content-type']));
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
      let queue: string;
      try {
        queue = deps.queues.resolve(principal.tenant, parsed.spec.queue, !/^\s*"?queue"?\s*:/m.test(text)).name;
      } catch (error) {
        if (error instanceof AccessError)
          return reply.status(error.status).send(apiError(error.code, `invalid job spec: ${error.message}`));
        throw error;
      }
      const job = await controller.submit(parsed.spec, text, principal.tenant, { user: principal.user, queue });
      return reply.status(201).header('location', `/api/v1/jobs/${job.id}`).send(jobView(job, []));
    },
  );

  app.get(
    '/api/v1/jobs',
    {
      config: { permission: 'jobs:read' },
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
            tenant: { type: 'string', description: 'admins only: one tenant’s jobs (default: every tenant)' },
          },
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const q = request.query as {
        tenant?: string;
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
          tenant: principal.role === 'admin' ? q.tenant : principal.tenant,
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
    { config: { permission: 'jobs:read' }, schema: { summary: 'Get a job', tags: ['jobs'], params: idParams } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const job = await visibleJob(controller, request, id);
      if (!job) return reply.status(404).send(apiError('not_found', `no job ${id}`));
      return jobView(job, await controller.store.tasksOfJob(id));
    },
  );

  app.post(
    '/api/v1/jobs/:id/cancel',
    {
      config: { permission: 'jobs:write' },
      schema: { summary: 'Cancel a job', tags: ['jobs'], params: idParams },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      if (!(await visibleJob(controller, request, id)))
        return reply.status(404).send(apiError('not_found', `no job ${id}`));
      const job = await controller.cancel(id);
      if (!job) return reply.status(404).send(apiError('not_found', `no job ${id}`));
      return reply.status(202).send(jobView(job, await controller.store.tasksOfJob(id)));
    },
  );

  app.get(
    '/api/v1/jobs/:id/logs',
    {
      config: { permission: 'jobs:read' },
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
      const job = await visibleJob(controller, request, id);
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
      config: { permission: 'jobs:read' },
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
      const job = await visibleJob(controller, request, id);
      if (!job) return reply.status(404).send(apiError('not_found', `no job ${id}`));
      return { items: await controller.store.listEvents({ jobId: id, afterSeq, limit: 1000 }) };
    },
  );

  app.get(
    '/api/v1/jobs/:id/explain',
    {
      config: { permission: 'jobs:read' },
      schema: { summary: 'Why a job waits, or why it went where it went', tags: ['jobs'], params: idParams },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const job = await visibleJob(controller, request, id);
      if (!job) return reply.status(404).send(apiError('not_found', `no job ${id}`));
      const explanation = explainJob(controller, job);
      if (job.spec.resources.perReplica.accelerators.kind === 'none') return explanation;
      return {
        ...explanation,
        details: [...explanation.details, ...planLines(planFor(federation, job.spec, Date.now()))],
      };
    },
  );
}
