/**
 * The emulated backend: nodes of any vendor, declared in config, whose tasks run as processes on this
 * machine with exactly the environment a real node of that vendor would give, plus JUNCTION_EMULATED=1.
 * This is how one machine demonstrates a heterogeneous federation.
 */
import type { NodeInfo, SiteInfo } from '../../cluster/types.js';
import { createProcessBackend } from '../process/process-backend.js';
import type { Backend } from '../types.js';

export interface EmulatedBackendOptions {
  site: SiteInfo;
  /** Task directories live under `<dataDir>/tasks/`. */
  dataDir: string;
  nodes: NodeInfo[];
  pollIntervalMs?: number;
}

export function createEmulatedBackend(options: EmulatedBackendOptions): Backend {
  const byName = new Map(options.nodes.map((node) => [node.name, node]));
  return createProcessBackend({
    site: options.site,
    dataDir: options.dataDir,
    pollIntervalMs: options.pollIntervalMs,
    extraEnv: { JUNCTION_EMULATED: '1' },
    nodes: async () => structuredClone(options.nodes),
    findNode: (name) => byName.get(name),
  });
}
