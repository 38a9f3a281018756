/**
 * Federation over HTTP: `POST /api/v1/plan` ranks every (site, model) a spec could use, with the
 * predicted start, duration, cost, verdict and why each lost; and the deadline check at submit.
 */
import type { FastifyInstance } from 'fastify';
import { siteOffers } from '../federation/offers.js';
import { planPlacement } from '../federation/plan.js';
import type { Plan } from '../federation/types.js';
import type { SpecContext } from '../spec/context.js';
import { parseJobSpec } from '../spec/parse.js';
import type { CompiledJobSpec } from '../spec/types.js';
import type { ApiError } from './api-types.js';
import type { CompatService } from './compat-service.js';
import type { SiteConfig } from './config.js';
import type { Controller } from './controller.js';
import { siteTerms } from './site-terms.js';

export interface FederationDeps {
  controller: Controller;
  compat: CompatService;
  sites: readonly SiteConfig[];
  specContext: SpecContext;
}

/** The plan for a spec against what every site offers now. */
export function planFor(deps: FederationDeps, spec: CompiledJobSpec, now: number): Plan {
  const offers = siteOffers(deps.controller.cluster, siteTerms(deps.sites, deps.controller.cluster));
  return planPlacement(spec, offers, deps.compat.oracle, now);
}

export function registerFederationRoutes(app: FastifyInstance, deps: FederationDeps): void {
  app.post(
    '/api/v1/plan',
    {
      config: { permission: 'jobs:read' },
      schema: { summary: 'Rank the sites and device models a job spec could use', tags: ['federation'] },
    },
    async (request, reply) => {
      const text = typeof request.body === 'string' ? request.body : '';
      const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim();
      const parsed = parseJobSpec(text, deps.specContext, type === 'application/json' ? 'json' : 'auto');
      if (!parsed.ok) {
        const error: ApiError = { code: 'invalid_spec', message: 'invalid job spec', issues: parsed.issues };
        return reply.status(400).send({ error });
      }
      return planFor(deps, parsed.spec, Date.now());
    },
  );
}
