/** Providers register and update their sites: `POST /api/v1/sites`, `PUT /api/v1/sites/:name`. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AccessError } from './access-service.js';
import { apiError, jsonObjectBody } from './api-errors.js';
import { principalOf } from './auth.js';
import type { SiteRegistry } from './site-registry.js';

const tags = ['federation'];

function fail(reply: FastifyReply, error: unknown) {
  if (error instanceof AccessError) return reply.status(error.status).send(apiError(error.code, error.message));
  throw error;
}

const EXAMPLE =
  '{"name": "west-mlu", "backend": "emulated", "region": "cn-west", "prices": [{"model": "cambricon-mlu590", "perHour": 0.8}], "nodes": [{"name": "n", "count": 2, "cpu": "64", "memory": "512Gi", "devices": {"vendor": "cambricon", "model": "cambricon-mlu590", "count": 8, "memory": "64Gi"}}]}';

export function registerSiteRoutes(app: FastifyInstance, registry: SiteRegistry): void {
  app.post(
    '/api/v1/sites',
    {
      config: { permission: 'sites:manage' },
      schema: { summary: 'Register a site (providers: for their own organization)', tags },
    },
    async (request, reply) => {
      const body = jsonObjectBody(request.body);
      if (!body)
        return reply.status(400).send(apiError('invalid_request', `body: send a site as JSON, e.g. ${EXAMPLE}`));
      try {
        const site = await registry.register(body, principalOf(request));
        return reply.status(201).header('location', `/api/v1/sites/${site.name}`).send(site);
      } catch (error) {
        return fail(reply, error);
      }
    },
  );

  app.put(
    '/api/v1/sites/:name',
    {
      config: { permission: 'sites:manage' },
      schema: {
        summary: 'Change a registered site’s terms: prices, datasets, queue wait, transfer, description',
        tags,
        params: { type: 'object', properties: { name: { type: 'string', maxLength: 63 } }, required: ['name'] },
      },
    },
    async (request, reply) => {
      const { name } = request.params as { name: string };
      const body = jsonObjectBody(request.body);
      if (!body)
        return reply
          .status(400)
          .send(apiError('invalid_request', 'body: send the terms to change as JSON, e.g. {"prices": [...]}'));
      try {
        return await registry.update(name, body, principalOf(request));
      } catch (error) {
        return fail(reply, error);
      }
    },
  );
}
