/**
 * What the federation has: sites, nodes with their devices' allocation, and queues. Everyone
 * with `cluster:read` sees capacity; only admins see which job holds a device when it is another
 * tenant's, and each tenant sees its own queues.
 */
import type { FastifyInstance } from 'fastify';
import type { SiteInfo } from '../cluster/types.js';
import type { QueueList, SiteList } from './api-types.js';
import { principalOf } from './auth.js';
import type { SiteConfig } from './config.js';
import type { Controller } from './controller.js';
import type { TenantQueues } from './tenant-queues.js';
import { nodeViews } from './views.js';

export interface ClusterRouteDeps {
  controller: Controller;
  sites: () => readonly SiteInfo[];
  siteConfig: (name: string) => SiteConfig | undefined;
  queues: TenantQueues;
}

export function registerClusterRoutes(app: FastifyInstance, deps: ClusterRouteDeps): void {
  const { controller } = deps;

  /** Job ids of other tenants are not the caller's business. */
  const ownJobs = (tenant: string | undefined) => (ids: string[]) =>
    tenant === undefined ? ids : ids.filter((id) => controller.active.get(id)?.tenant === tenant);

  app.get(
    '/api/v1/nodes',
    {
      config: { permission: 'cluster:read' },
      schema: {
        summary: 'Nodes and devices with their allocation',
        tags: ['cluster'],
        querystring: { type: 'object', properties: { site: { type: 'string' } } },
      },
    },
    async (request) => {
      const { site } = request.query as { site?: string };
      const principal = principalOf(request);
      const visible = ownJobs(principal.role === 'admin' ? undefined : principal.tenant);
      const items = nodeViews(controller.cluster)
        .filter((n) => !site || n.site === site)
        .map((n) => ({ ...n, devices: n.devices.map((d) => ({ ...d, jobs: visible(d.jobs) })) }));
      return { items };
    },
  );

  app.get(
    '/api/v1/sites',
    { config: { permission: 'cluster:read' }, schema: { summary: 'Sites', tags: ['cluster'] } },
    async () => {
      const views = nodeViews(controller.cluster);
      const items = deps.sites().map((s) => {
        const nodes = views.filter((n) => n.site === s.name);
        const config = deps.siteConfig(s.name);
        return {
          ...s,
          provider: config?.provider ?? 'default',
          prices: config?.prices ?? [],
          nodes: nodes.length,
          devices: nodes.reduce((sum, n) => sum + n.devices.length, 0),
        };
      });
      return { items } satisfies SiteList;
    },
  );

  app.get(
    '/api/v1/queues',
    {
      config: { permission: 'jobs:read' },
      schema: { summary: 'Queues with their terms and pending and running counts', tags: ['cluster'] },
    },
    async (request) => {
      const principal = principalOf(request);
      const mine = principal.role === 'admin' ? deps.queues.all() : deps.queues.of(principal.tenant);
      const counts = new Map(mine.map((q) => [q.name, { pending: 0, running: 0 }]));
      for (const job of controller.active.values()) {
        const c = counts.get(job.queue);
        if (!c) continue;
        if (job.phase === 'Pending') c.pending++;
        else c.running++;
      }
      return {
        items: mine.map((q) => ({ ...q, ...(counts.get(q.name) ?? { pending: 0, running: 0 }) })),
      } satisfies QueueList;
    },
  );
}
