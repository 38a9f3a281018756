/**
 * REST surface of the adaptation center under /api/v1/compat: the matrix, the knowledge base
 * (export, import, history), where a spec can run and why not elsewhere, certificates, probes.
 */
import type { FastifyInstance } from 'fastify';
import { allModels, getModel } from '../catalog/index.js';
import { exportKb, KnowledgeBaseImportError } from '../compat/knowledge-base.js';
import { matrixOf, renderMatrix } from '../compat/matrix.js';
import { renderCertificate } from '../compat/report.js';
import { resolve } from '../compat/resolver.js';
import type { SpecContext } from '../spec/context.js';
import { parseJobSpec } from '../spec/parse.js';
import { apiError, jsonObjectBody, specFormat } from './api-errors.js';
import { type CompatService, KB_DOCUMENT } from './compat-service.js';
import type { Controller } from './controller.js';
import { PROBES, ProbeError, type ProbeName, runProbe } from './probe-runner.js';

export function registerCompatRoutes(
  app: FastifyInstance,
  deps: { controller: Controller; compat: CompatService; specContext: SpecContext },
): void {
  const { compat } = deps;
  const tags = ['compat'];

  app.get(
    '/api/v1/compat/matrix',
    {
      config: { permission: 'compat:read' },
      schema: {
        summary: 'Compatibility matrix: models × stacks × frameworks (text, or format=json)',
        tags,
        querystring: {
          type: 'object',
          properties: { format: { type: 'string', enum: ['text', 'json'], default: 'text' } },
        },
      },
    },
    async (request, reply) => {
      const { format } = request.query as { format: 'text' | 'json' };
      if (format === 'json') return { revision: compat.kb.revision, ...matrixOf(compat.kb, allModels()) };
      return reply.type('text/plain; charset=utf-8').send(renderMatrix(compat.kb, allModels()));
    },
  );

  app.get(
    '/api/v1/compat/kb',
    { config: { permission: 'compat:read' }, schema: { summary: 'Export the knowledge base (stable JSON)', tags } },
    async (_req, reply) => reply.type('application/json').send(exportKb(compat.kb)),
  );

  app.post(
    '/api/v1/compat/kb',
    {
      config: { permission: 'compat:write' },
      schema: { summary: 'Import another adaptation center’s export (merged)', tags },
    },
    async (request, reply) => {
      const text = typeof request.body === 'string' ? request.body : '';
      try {
        const result = await compat.import(text);
        deps.controller.requestCycle();
        return { revision: result.revision, added: result.added, updated: result.updated, conflicts: result.conflicts };
      } catch (error) {
        if (error instanceof KnowledgeBaseImportError) {
          const issues = error.issues.map((i) => ({ path: i.path, message: i.message }));
          return reply.status(400).send(apiError('invalid_knowledge_base', error.message, { issues }));
        }
        throw error;
      }
    },
  );

  app.get(
    '/api/v1/compat/kb/history',
    { config: { permission: 'compat:read' }, schema: { summary: 'Revisions of the knowledge base', tags } },
    async () => ({
      items: (await deps.controller.store.documentHistory(KB_DOCUMENT, 100)).map((d) => ({
        revision: d.revision,
        createdAt: d.createdAt,
      })),
    }),
  );

  app.post(
    '/api/v1/compat/explain',
    {
      config: { permission: 'compat:read' },
      schema: { summary: 'Where a job spec can run, and why not elsewhere', tags },
    },
    async (request, reply) => {
      const text = typeof request.body === 'string' ? request.body : '';
      const parsed = parseJobSpec(text, deps.specContext, specFormat(request.headers['content-type']));
      if (!parsed.ok)
        return reply.status(400).send(apiError('invalid_spec', 'invalid job spec', { issues: parsed.issues }));
      const resolution = resolve(parsed.spec, compat.kb);
      return { revision: compat.kb.revision, ...resolution };
    },
  );

  app.get(
    '/api/v1/compat/certificates/:model',
    {
      config: { permission: 'compat:read' },
      schema: {
        summary: 'A device model’s compatibility certificate',
        tags,
        params: { type: 'object', properties: { model: { type: 'string' } }, required: ['model'] },
        querystring: {
          type: 'object',
          properties: { format: { type: 'string', enum: ['markdown', 'html'], default: 'markdown' } },
        },
      },
    },
    async (request, reply) => {
      const { model } = request.params as { model: string };
      const { format } = request.query as { format: 'markdown' | 'html' };
      if (!getModel(model))
        return reply.status(404).send(apiError('not_found', `no device model ${model}; see junction compat matrix`));
      return reply
        .type(format === 'html' ? 'text/html; charset=utf-8' : 'text/markdown; charset=utf-8')
        .send(renderCertificate(compat.kb, model, format));
    },
  );

  app.post(
    '/api/v1/compat/probes',
    {
      config: { permission: 'compat:write' },
      schema: { summary: 'Run a conformance probe on a node and record the evidence', tags },
    },
    async (request, reply) => {
      const body = jsonObjectBody(request.body);
      if (!body)
        return reply
          .status(400)
          .send(apiError('invalid_request', 'body: send JSON like {"site": "local", "node": "local/host"}'));
      const { site, node, probe, failCheck } = body;
      if (typeof site !== 'string' || typeof node !== 'string') {
        return reply
          .status(400)
          .send(apiError('invalid_request', 'body.site and body.node: both are required strings'));
      }
      if (probe !== undefined && !(PROBES as readonly unknown[]).includes(probe)) {
        return reply.status(400).send(apiError('invalid_request', `body.probe: use one of ${PROBES.join(', ')}`));
      }
      if (failCheck !== undefined && typeof failCheck !== 'string') {
        return reply.status(400).send(apiError('invalid_request', 'body.failCheck: a check name string'));
      }
      try {
        return await runProbe(deps.controller, compat, {
          site,
          node,
          ...(probe !== undefined && { probe: probe as ProbeName }),
          ...(failCheck !== undefined && { failCheck }),
        });
      } catch (error) {
        if (error instanceof ProbeError)
          return reply.status(error.status).send(apiError('probe_failed', error.message));
        throw error;
      }
    },
  );
}
