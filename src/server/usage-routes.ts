/**
 * Metering over HTTP: usage aggregated by any dimension (cost so far of running tasks included,
 * marked), per-tenant bills and per-provider payouts as JSON or CSV. Bills contain only ended
 * usage, so a bill once issued for a closed period never changes.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../access/types.js';
import { aggregateUsage } from '../metering/aggregate.js';
import { providerPayout, tenantBill } from '../metering/bill.js';
import { billCsv, usageCsv } from '../metering/csv.js';
import { parsePeriod } from '../metering/period.js';
import { DIMENSIONS, type Dimension, type Period, type UsageRecord } from '../metering/types.js';
import { apiError } from './api-errors.js';
import { principalOf } from './auth.js';
import type { Controller } from './controller.js';
import { runningTaskUsage, type UsageMeterDeps } from './usage-meter.js';

export interface UsageRouteDeps {
  controller: Controller;
  meter: UsageMeterDeps;
  clock?: () => number;
}

const tags = ['metering'];

function currentMonth(now: number): string {
  return new Date(now).toISOString().slice(0, 7);
}

/** A usage window from `period`, or from/to days; errors name the parameter. */
function windowOf(q: { period?: string; from?: string; to?: string }, now: number): Period {
  if (q.from !== undefined || q.to !== undefined) {
    const to = q.to ?? new Date(now + 86_400_000).toISOString().slice(0, 10);
    const from = q.from ?? `${to.slice(0, 7)}-01`;
    return parsePeriod(`${from}..${to}`, 'from/to');
  }
  return parsePeriod(q.period ?? currentMonth(now), 'period');
}

function badRequest(reply: FastifyReply, error: unknown) {
  return reply.status(400).send(apiError('invalid_request', error instanceof Error ? error.message : String(error)));
}

/** Which usage a caller may read: admins any; providers that of their sites; others their tenant's. */
function scope(p: Principal, q: { tenant?: string; provider?: string }): { tenant?: string; provider?: string } {
  if (p.role === 'admin') return { ...(q.tenant && { tenant: q.tenant }), ...(q.provider && { provider: q.provider }) };
  if (p.role === 'provider') return { provider: p.tenant };
  return { tenant: p.tenant };
}

const periodQuery = {
  period: { type: 'string', description: 'YYYY-MM or YYYY-MM-DD..YYYY-MM-DD (to exclusive); default this month' },
  format: { type: 'string', enum: ['json', 'csv'], default: 'json' },
};

export function registerUsageRoutes(app: FastifyInstance, deps: UsageRouteDeps): void {
  const clock = deps.clock ?? Date.now;
  const store = deps.controller.store;

  /** Usage of still-running tasks up to now, for "cost so far". */
  function openRecords(filter: { tenant?: string; provider?: string }): UsageRecord[] {
    const now = clock();
    const out: UsageRecord[] = [];
    for (const task of deps.controller.tasks.values()) {
      if (task.state !== 'running') continue;
      const job = deps.controller.active.get(task.jobId);
      if (!job || (filter.tenant !== undefined && job.tenant !== filter.tenant)) continue;
      for (const r of runningTaskUsage(deps.meter, job, task, now))
        if (filter.provider === undefined || r.provider === filter.provider) out.push(r);
    }
    return out;
  }

  app.get(
    '/api/v1/usage',
    {
      config: { permission: 'usage:read' },
      schema: {
        summary: 'Metered usage and cost, grouped by the given dimensions',
        tags,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            by: { type: 'string', description: `comma-separated: ${DIMENSIONS.join(', ')}` },
            from: { type: 'string', description: 'YYYY-MM-DD, inclusive' },
            to: { type: 'string', description: 'YYYY-MM-DD, exclusive' },
            period: periodQuery.period,
            tenant: { type: 'string', description: 'admins only' },
            provider: { type: 'string', description: 'admins only' },
            running: { type: 'boolean', default: true, description: 'include running tasks’ usage so far' },
            format: periodQuery.format,
          },
        },
      },
    },
    async (request: FastifyRequest, reply) => {
      const q = request.query as {
        by?: string;
        from?: string;
        to?: string;
        period?: string;
        tenant?: string;
        provider?: string;
        running: boolean;
        format: 'json' | 'csv';
      };
      const by = (q.by ?? 'tenant')
        .split(',')
        .map((d) => d.trim())
        .filter(Boolean);
      const unknown = by.find((d) => !(DIMENSIONS as readonly string[]).includes(d));
      if (unknown !== undefined)
        return badRequest(reply, `query parameter by: unknown dimension "${unknown}"; use ${DIMENSIONS.join(', ')}`);
      let window: Period;
      try {
        window = windowOf(q, clock());
      } catch (error) {
        return badRequest(reply, error);
      }
      const principal = principalOf(request);
      // A provider sees which tenants used its sites, never who inside them or on which queue.
      const hidden = principal.role === 'provider' ? by.find((d) => d === 'user' || d === 'queue') : undefined;
      if (hidden !== undefined)
        return reply
          .status(403)
          .send(
            apiError(
              'forbidden',
              `query parameter by: providers may not group by ${hidden}; use tenant, site, vendor, model, day or month`,
            ),
          );
      const filter = scope(principal, q);
      const records = await store.listUsage({ ...filter, fromDay: window.from, toDay: window.to });
      if (q.running) records.push(...openRecords(filter));
      const rows = aggregateUsage(records, { by: by as Dimension[], from: window.from, to: window.to });
      if (q.format === 'csv') return reply.type('text/csv; charset=utf-8').send(usageCsv(rows, by as Dimension[]));
      return {
        ...window,
        by,
        items: rows.map(({ key, ...rest }) => ({ ...key, ...rest })),
      };
    },
  );

  app.get(
    '/api/v1/bills',
    {
      config: { permission: 'usage:read' },
      schema: {
        summary: 'A tenant’s bill for a period: lines that sum exactly to its metered usage',
        tags,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { tenant: { type: 'string' }, ...periodQuery },
        },
      },
    },
    async (request, reply) => {
      const q = request.query as { tenant?: string; period?: string; format: 'json' | 'csv' };
      const p = principalOf(request);
      if (p.role === 'provider')
        return reply.status(403).send(apiError('forbidden', 'providers read payouts (/api/v1/payouts), not bills'));
      const tenant = q.tenant ?? p.tenant;
      if (p.role !== 'admin' && tenant !== p.tenant)
        return reply.status(404).send(apiError('not_found', `no tenant ${tenant}`));
      let period: Period;
      try {
        period = parsePeriod(q.period ?? currentMonth(clock()), 'period');
      } catch (error) {
        return badRequest(reply, error);
      }
      const records = await store.listUsage({ tenant, fromDay: period.from, toDay: period.to });
      const bill = tenantBill(records, { tenant, ...period });
      if (q.format === 'csv')
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="bill-${tenant}-${period.from}.csv"`)
          .send(billCsv(bill));
      return bill;
    },
  );

  app.get(
    '/api/v1/payouts',
    {
      config: { permission: 'payouts:read' },
      schema: {
        summary: 'What a provider earned on its sites in a period',
        tags,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { provider: { type: 'string' }, ...periodQuery },
        },
      },
    },
    async (request, reply) => {
      const q = request.query as { provider?: string; period?: string; format: 'json' | 'csv' };
      const p = principalOf(request);
      const provider = q.provider ?? p.tenant;
      if (p.role !== 'admin' && provider !== p.tenant)
        return reply.status(404).send(apiError('not_found', `no provider ${provider}`));
      let period: Period;
      try {
        period = parsePeriod(q.period ?? currentMonth(clock()), 'period');
      } catch (error) {
        return badRequest(reply, error);
      }
      const records = await store.listUsage({ provider, fromDay: period.from, toDay: period.to });
      const payout = providerPayout(records, { provider, ...period });
      if (q.format === 'csv')
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="payout-${provider}-${period.from}.csv"`)
          .send(billCsv(payout));
      return payout;
    },
  );
}
