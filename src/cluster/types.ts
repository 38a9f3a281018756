/**
 * The cluster model: Site ▸ Domain ▸ Node ▸ Device. Plain data, reported by backends
 * and consumed by the scheduler. Quantities are in base units (millicores, MiB, percent).
 */

export type BackendKind = 'local' | 'emulated' | 'slurm' | 'kubernetes';

export interface SiteInfo {
  name: string;
  backend: BackendKind;
  region: string;
  /** True when the nodes are declared in config, not real hardware. */
  emulated: boolean;
  description?: string;
}

export interface DeviceInfo {
  /** Position of the device on its node as the vendor numbers it (what the visible-devices variable takes). */
  index: number;
  /** Canonical vendor id (see src/vendors), e.g. `nvidia`, `hygon`, `huawei`. */
  vendor: string;
  /** Catalog model id, e.g. `nvidia-h100-sxm`, `hygon-dcu-k100_ai`. */
  model: string;
  memoryMiB: number;
  uuid?: string;
  healthy: boolean;
}

export interface NodeInfo {
  /** Unique across the whole federation, e.g. `emu-hygon/node-0`. */
  name: string;
  site: string;
  /** Nested high-bandwidth domains, outermost first, e.g. ['emu-hygon', 'emu-hygon/supernode-0']. */
  domains: string[];
  cpuMillis: number;
  memoryMiB: number;
  devices: DeviceInfo[];
  labels: Record<string, string>;
  schedulable: boolean;
}

/** What one replica holds on one device. A whole device is memory = device memory, compute = 100, whole = true. */
export interface DeviceAllocation {
  index: number;
  memoryMiB: number;
  computePercent: number;
  whole: boolean;
}

/** Where one replica of a job was placed, and what it holds there. */
export interface ReplicaPlacement {
  replica: number;
  site: string;
  node: string;
  cpuMillis: number;
  memoryMiB: number;
  /** Vendor of the devices (null for CPU-only). */
  vendor: string | null;
  model: string | null;
  devices: DeviceAllocation[];
  /** The concrete runtime the adaptation center chose for this model, when it has an opinion. */
  runtime?: PlacementRuntime;
}

export interface PlacementRuntime {
  /** Software stack and version, e.g. DTK 24.04 ('*' when no verdict states it). */
  stack: string;
  stackVersion: string;
  image?: string;
  /** verified | works-with-caveats | unknown */
  verdict: string;
  /** Where the verdict comes from, for explanations. */
  evidence: string;
}
