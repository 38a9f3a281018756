/**
 * One backend per site, by the site's kind: the local machine, emulated nodes, a Slurm cluster or
 * a Kubernetes cluster. Used at start-up for configured sites and at run time for sites that
 * providers register through the API.
 */
import { createEmulatedBackend } from '../backends/emulated/emulated-backend.js';
import { createKubernetesBackend } from '../backends/kubernetes/kubernetes-backend.js';
import { createLocalBackend } from '../backends/local/local-backend.js';
import { createSlurmBackend } from '../backends/slurm/slurm-backend.js';
import type { Backend } from '../backends/types.js';
import type { SiteInfo } from '../cluster/types.js';
import type { SiteConfig } from './config.js';
import type { Logger } from './logger.js';

export function siteInfo(site: SiteConfig): SiteInfo {
  return {
    name: site.name,
    backend: site.backend,
    region: site.region,
    emulated: site.backend === 'emulated',
    description: site.description,
  };
}

export async function createBackend(
  site: SiteConfig,
  info: SiteInfo,
  siteDir: string,
  logger: Logger,
): Promise<Backend> {
  return site.backend === 'local'
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
}
