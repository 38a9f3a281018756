/**
 * The emulated demo federation that `junction serve` starts with when no config file is given:
 * three regional sites with different vendors, in supernode domains. Emulated means the nodes
 * are declared here, and tasks run as local processes with the environment a real node of that
 * vendor would give.
 */
import { getModel } from '../catalog/index.js';
import type { NodeInfo } from '../cluster/types.js';
import type { SiteConfig } from './config.js';

interface DemoSite {
  name: string;
  /** Demo prices per device-hour (USD): illustrative values for the emulated federation, not quotes. */
  perHour: number;
  spotPerHour: number;
  datasets: string[];
  region: string;
  vendor: string;
  model: string;
  supernodes: number;
  nodesPerSupernode: number;
  devicesPerNode: number;
  description: string;
  /** The partner tenant that runs it (`default` = the center itself). */
  provider: string;
}

const DEMO_SITES: DemoSite[] = [
  {
    name: 'east-dcu',
    perHour: 0.9,
    spotPerHour: 0.45,
    datasets: ['imagenet'],
    region: 'cn-east',
    vendor: 'hygon',
    model: 'hygon-dcu-k100_ai',
    supernodes: 2,
    nodesPerSupernode: 2,
    devicesPerNode: 8,
    description: 'Hygon DCU K100_AI, 4 nodes × 8 in 2 supernodes (emulated)',
    provider: 'east-partner',
  },
  {
    name: 'south-ascend',
    perHour: 1.1,
    spotPerHour: 0.6,
    datasets: ['c4'],
    region: 'cn-south',
    vendor: 'huawei',
    model: 'huawei-ascend-910b3',
    supernodes: 1,
    nodesPerSupernode: 2,
    devicesPerNode: 8,
    description: 'Huawei Ascend 910B3, 2 nodes × 8 in one supernode (emulated)',
    provider: 'south-partner',
  },
  {
    name: 'north-gpu',
    perHour: 2.5,
    spotPerHour: 1.2,
    datasets: ['imagenet', 'c4'],
    region: 'cn-north',
    vendor: 'nvidia',
    model: 'nvidia-h100-sxm',
    supernodes: 1,
    nodesPerSupernode: 2,
    devicesPerNode: 8,
    description: 'NVIDIA H100 SXM, 2 nodes × 8 in one NVLink domain (emulated)',
    provider: 'default',
  },
];

function demoNodes(site: DemoSite): NodeInfo[] {
  const memoryMiB = getModel(site.model)?.memoryMiB ?? 65536;
  const nodes: NodeInfo[] = [];
  for (let s = 0; s < site.supernodes; s++) {
    for (let n = 0; n < site.nodesPerSupernode; n++) {
      const index = s * site.nodesPerSupernode + n;
      nodes.push({
        name: `${site.name}/node-${index}`,
        site: site.name,
        domains: [site.name, `${site.name}/supernode-${s}`],
        cpuMillis: 128_000,
        memoryMiB: 1024 * 1024,
        devices: Array.from({ length: site.devicesPerNode }, (_, i) => ({
          index: i,
          vendor: site.vendor,
          model: site.model,
          memoryMiB,
          uuid: `emu-${site.name}-${index}-${i}`,
          healthy: true,
        })),
        labels: { 'junction.io/emulated': 'true' },
        schedulable: true,
      });
    }
  }
  return nodes;
}

export function demoFederation(): SiteConfig[] {
  return DEMO_SITES.map((site) => ({
    name: site.name,
    backend: 'emulated',
    region: site.region,
    description: site.description,
    nodes: demoNodes(site),
    prices: [{ model: site.model, perHour: site.perHour, spotPerHour: site.spotPerHour, currency: 'USD' }],
    datasets: site.datasets,
    queueWaitSeconds: 600,
    transfer: { gibPerSecond: 0.5, costPerGiB: 0.02 },
    provider: site.provider,
    // Demo CPU and memory prices, like the device prices: illustrative, not quotes.
    cpuPricePerCoreHour: 0.02,
    memoryPricePerGiBHour: 0.002,
    currency: 'USD',
  }));
}
