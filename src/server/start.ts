/**
 * The composition root: compiled config in, a running control plane and API out.
 * The only place that knows every concrete part (store, backends, scheduler profile, HTTP).
 */
import { join, resolve } from 'node:path';
import pino from 'pino';
import { createEmulatedBackend } from '../backends/emulated/emulated-backend.js';
import { createKubernetesBackend } from '../backends/kubernetes/kubernetes-backend.js';
import { createLocalBackend } from '../backends/local/local-backend.js';
import { createSlurmBackend } from '../backends/slurm/slurm-backend.js';
import type { Backend } from '../backends/types.js';
import type { ClusterState } from '../cluster/state.js';
import type { SiteInfo } from '../cluster/types.js';
import type { Profile } from '../scheduler/framework.js';
import { compileProfile, ProfileError } from '../scheduler/profile.js';
import { QueueConfigError } from '../scheduler/queues.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { buildApp } from './app.js';
import { CompatService } from './compat-service.js';
import { ConfigError, type ServerConfig } from './config.js';
import { Controller } from './controller.js';
import { createMetrics } from './metrics.js';
import { siteTerms } from './site-terms.js';
import { defaultSpecContext } from './spec-context.js';

export interface RunningServer {
  url: string;
  config: ServerConfig;
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
  const store = await openSqliteStore(join(dataDir, 'junction.db'));
  const compat = await CompatService.open(store, () => new Date().toISOString());
  let profile: Profile;
  // Filled once the controller exists: site terms read the nodes its backends report.
  const cluster: { current?: ClusterState } = {};
  try {
    profile = compileProfile(config.profile, {
      compat: compat.oracle,
      queues: config.queues,
      siteTerms: () => (cluster.current ? siteTerms(config.sites, cluster.current) : []),
    });
  } catch (error) {
    await store.close();
    if (error instanceof ProfileError || error instanceof QueueConfigError) throw new ConfigError([error.message]);
    throw error;
  }
  const backends = new Map<string, Backend>();
  const sites: SiteInfo[] = [];
  for (const site of config.sites) {
    const info: SiteInfo = {
      name: site.name,
      backend: site.backend,
      region: site.region,
      emulated: site.backend === 'emulated',
      description: site.description,
    };
    sites.push(info);
    const siteDir = join(dataDir, 'sites', site.name);
    const backend =
      site.backend === 'local'
        ? await createLocalBackend({
            site: info,
            dataDir: siteDir,
            discover: {
              onError: (err) => logger.warn({ err }, 'device discovery failed; the local node reports no devices'),
            },
          })
        : site.backend === 'slurm'
          ? await createSlurmBackend({
              site: info,
              dataDir: siteDir,
              ...site.slurm,
              onError: (err) => logger.warn({ err }, 'slurm backend'),
            })
          : site.backend === 'kubernetes'
            ? await createKubernetesBackend({
                site: info,
                namespace: site.kubernetes?.namespace ?? 'default',
                ...(site.kubernetes?.kubeconfig !== undefined && { kubeConfig: site.kubernetes.kubeconfig }),
                ...(site.kubernetes?.gang !== undefined && { gang: site.kubernetes.gang }),
                ...(site.kubernetes?.workload !== undefined && { workload: site.kubernetes.workload }),
                ...(site.kubernetes?.defaultImage !== undefined && { defaultImage: site.kubernetes.defaultImage }),
                ...(site.kubernetes?.volcanoQueue !== undefined && { volcanoQueue: site.kubernetes.volcanoQueue }),
                onError: (err) => logger.warn({ err }, 'kubernetes poll failed'),
              })
            : createEmulatedBackend({ site: info, dataDir: siteDir, nodes: site.nodes ?? [] });
    backends.set(site.name, backend);
  }
  const controllerRef: { metrics?: ReturnType<typeof createMetrics> } = {};
  const controller = new Controller({
    store,
    compat: compat.oracle,
    backends,
    profile,
    log: logger,
    onCycle: (seconds, latencies) => controllerRef.metrics?.observeCycle(seconds, latencies),
  });
  cluster.current = controller.cluster;
  const metrics = createMetrics(store, controller.cluster);
  controllerRef.metrics = metrics;
  await controller.start();
  compat.onChange(() => controller.requestCycle());
  const app = await buildApp({
    controller,
    compat,
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
    sites,
    controller,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await controller.stop();
      for (const backend of backends.values()) await backend.close();
      await store.close();
    },
  };
}
