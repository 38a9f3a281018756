/**
 * The local backend: this machine is one node, and tasks run as its processes with the vendor's
 * visible-devices variable set to the devices they were given.
 */
import os from 'node:os';
import type { DeviceInfo, NodeInfo, SiteInfo } from '../../cluster/types.js';
import { createProcessBackend } from '../process/process-backend.js';
import type { Backend } from '../types.js';
import { discoverNvidiaDevices } from './nvidia-discovery.js';

export interface LocalBackendOptions {
  site: SiteInfo;
  /** Task directories live under `<dataDir>/tasks/`. */
  dataDir: string;
  /** Defaults to `<site>/<hostname>`. */
  nodeName?: string;
  discover?: {
    /** Ask nvidia-smi for devices when it is on PATH (default true). */
    runNvidiaSmi?: boolean;
    /** Told when a device tool is present but fails; the node then reports no devices of that vendor. */
    onError?: (error: Error) => void;
  };
  pollIntervalMs?: number;
}

export async function createLocalBackend(options: LocalBackendOptions): Promise<Backend> {
  const { site } = options;
  const hostname = os.hostname();
  const name = options.nodeName ?? `${site.name}/${hostname}`;
  let askNvidiaSmi = options.discover?.runNvidiaSmi ?? true;

  async function discoverDevices(): Promise<DeviceInfo[]> {
    if (!askNvidiaSmi) return [];
    const result = await discoverNvidiaDevices();
    if (result.kind === 'found') return result.devices;
    if (result.kind === 'absent') askNvidiaSmi = false;
    else options.discover?.onError?.(result.error);
    return [];
  }

  function describeNode(devices: DeviceInfo[]): NodeInfo {
    return {
      name,
      site: site.name,
      domains: [site.name],
      cpuMillis: os.cpus().length * 1000,
      memoryMiB: Math.floor(os.totalmem() / (1024 * 1024)),
      devices,
      labels: { 'junction.io/hostname': hostname, 'junction.io/arch': os.arch() },
      schedulable: true,
    };
  }

  let current = describeNode(await discoverDevices());
  return createProcessBackend({
    site,
    dataDir: options.dataDir,
    pollIntervalMs: options.pollIntervalMs,
    async nodes() {
      current = describeNode(await discoverDevices());
      return [current];
    },
    findNode: (nodeName) => (nodeName === current.name ? current : undefined),
  });
}
