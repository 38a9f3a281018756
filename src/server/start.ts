/**
 * The composition root: compiled config in, a running control plane and API out.
 * The only place that knows every concrete part (store, backends, scheduler profile, HTTP).
 */

import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import type { AuditEntry } from '../access/types.js';
import type { Backend } from '../backends/types.js';
import type { ClusterState } from '../cluster/state.js';
import type { SiteInfo } from '../cluster/types.js';
import type { UsageRecord } from '../metering/types.js';
import type { Profile } from '../scheduler/framework.js';
import { compileProfile, ProfileError } from '../scheduler/profile.js';
import { QueueConfigError } from '../scheduler/queues.js';
import { workloadMixOf } from '../scheduler/workload-mix.js';
import { openPostgresStore } from '../store/postgres/postgres-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { AccessService } from './access-service.js';
import { buildApp } from './app.js';
import { createBackend, siteInfo } from './backend-factory.js';
import { CompatService } from './compat-service.js';
import { ConfigError, type ServerConfig } from './config.js';
import { Controller } from './controller.js';
import { createMetrics } from './metrics.js';
import { priceSnapshot } from './pricing.js';
import { SiteRegistry } from './site-registry.js';
import { siteTerms } from './site-terms.js';
import { defaultSpecContext } from './spec-context.js';
import { TenantQueues } from './tenant-queues.js';
import { endedTaskUsage } from './usage-meter.js';

/** How often the expected workload mix is re-estimated from recent jobs. */
const WORKLOAD_REFRESH_MS = 10 * 60_000;

/** The built web console, beside the sources (see scripts/build-console.mjs). */
const CONSOLE_DIR = fileURLToPath(new URL('../../console/dist', import.meta.url));

export interface RunningServer {
  url: string;
  config: ServerConfig;
  /** Where the admin token is, and whether this start created it. */
  adminToken: { path: string; created: boolean };
  sites: SiteInfo[];
  controller: Controller;
  close(): Promise<void>;
}

export async function startServer(config: ServerConfig, options: { logLevel?: string } = {}): Promise<RunningServer> {
  const logger = pino({
    level: options.logLevel ?? process.env.JUNCTION_LOG_LEVEL ?? 'info',
    base: { service: 'junction' },
  });
  const dataDir = resolve(config.dataDir);
  const store = config.database
    ? await openPostgresStore(config.database)
    : await openSqliteStore(join(dataDir, 'junction.db'));
  const compat = await CompatService.open(store, () => new Date().toISOString());
  const access = await AccessService.open(store);
  const adminToken = await access.bootstrap(dataDir);
  // Every site's provider can be issued tokens: it exists as a tenant.
  for (const provider of new Set(config.sites.map((s) => s.provider)))
    if (!access.getTenant(provider))
      await access.createTenant({ name: provider, displayName: `${provider} (provider)` });
  const queues = await TenantQueues.open(store, config.queues);
  let profile: Profile;
  // Filled once the controller exists: site terms read the nodes its backends report.
  const cluster: { current?: ClusterState } = {};
  // The workload fragmentation-aware scoring expects: estimated from recent jobs, refreshed below.
  const recentSpecs = async () => (await store.listJobs({ limit: 500 })).items.map((j) => j.spec);
  let workload = workloadMixOf(await recentSpecs());
  const compile = (current: typeof config.queues) =>
    compileProfile(config.profile, {
      compat: compat.oracle,
      queues: current,
      ...(workload && { workload }),
      siteTerms: () => (cluster.current ? siteTerms(config.sites, cluster.current) : []),
    });
  try {
    profile = compile(queues.all() as typeof config.queues);
  } catch (error) {
    await store.close();
    if (error instanceof ProfileError || error instanceof QueueConfigError) throw new ConfigError([error.message]);
    throw error;
  }
  const backends = new Map<string, Backend>();
  const sites: SiteInfo[] = [];
  for (const site of config.sites) {
    const info = siteInfo(site);
    sites.push(info);
    const backend = await createBackend(site, info, join(dataDir, 'sites', site.name), logger);
    backends.set(site.name, backend);
  }
  const controllerRef: { metrics?: ReturnType<typeof createMetrics> } = {};
  const siteConfig = (name: string) => config.sites.find((s) => s.name === name);
  const controller: Controller = new Controller({
    store,
    compat: compat.oracle,
    backends,
    profile,
    log: logger,
    onCycle: (seconds, latencies) => controllerRef.metrics?.observeCycle(seconds, latencies),
    priceOf: (job, task) => {
      const site = siteConfig(task.site);
      const revision = registry.isRegistered(task.site) ? registry.currentRevision : undefined;
      return site ? priceSnapshot(site, task.spec.model, job.spec.runtime.preemptible, revision) : null;
    },
    meter: (job, task): UsageRecord[] => {
      if (!job) return [];
      try {
        // Called only once the controller runs, so `controller` is set by then.
        return endedTaskUsage({ cluster: controller.cluster, site: siteConfig }, job, task);
      } catch (err) {
        // Metering must never lose a task's end: the usage is logged for reconciliation instead.
        logger.error({ err, task: task.id }, 'metering failed');
        return [];
      }
    },
  });
  cluster.current = controller.cluster;
  const registry = new SiteRegistry({
    store,
    configs: config.sites,
    infos: sites,
    info: siteInfo,
    open: (site, info) => createBackend(site, info, join(dataDir, 'sites', site.name), logger),
    attach: async (name, backend) => {
      backends.set(name, backend);
      await controller.addSite(name, backend);
    },
  });
  const refreshWorkload = setInterval(
    () =>
      void recentSpecs()
        .then((specs) => {
          const next = workloadMixOf(specs);
          if (JSON.stringify(next) === JSON.stringify(workload)) return;
          workload = next;
          controller.setProfile(compile(queues.all() as typeof config.queues));
        })
        .catch((err) => logger.warn({ err }, 'workload estimate not refreshed')),
    WORKLOAD_REFRESH_MS,
  );
  refreshWorkload.unref();
  queues.onChange((current) => {
    try {
      controller.setProfile(compile(current as typeof config.queues));
    } catch (err) {
      logger.error({ err }, 'queues changed but the profile did not compile; the previous one stays');
    }
  });
  // An audit entry is stored before the call's answer leaves; a failed write is logged, not hidden.
  const audit = async (entry: AuditEntry) => {
    await store.commit({ audit: [entry] }).catch((err) => logger.error({ err }, 'audit write failed'));
  };
  const metrics = createMetrics(store, controller.cluster);
  controllerRef.metrics = metrics;
  await controller.start();
  await registry.load();
  compat.onChange(() => controller.requestCycle());
  const app = await buildApp({
    controller,
    compat,
    access,
    queues,
    requestsPerMinute: config.requestsPerMinute,
    adminTokenPath: adminToken.path,
    audit,
    consoleDir: CONSOLE_DIR,
    registry,
    siteConfigs: config.sites,
    metrics,
    specContext: defaultSpecContext(),
    sites,
    logger,
    bodyLimit: config.bodyLimit,
  });
  const address = await app.listen({ host: config.host, port: config.port });
  const url = address.replace('[::1]', '127.0.0.1');
  let closed = false;
  return {
    url,
    config,
    adminToken,
    sites,
    controller,
    async close() {
      clearInterval(refreshWorkload);
      if (closed) return;
      closed = true;
      await app.close();
      await controller.stop();
      for (const backend of backends.values()) await backend.close();
      await store.close();
    },
  };
}
