/**
 * A vendor adapter: everything Junction must know to speak one vendor's language.
 * Pure data and pure functions; one file per vendor, listed in ./registry.ts.
 */
import type { DeviceAllocation, DeviceInfo } from '../cluster/types.js';

export interface VendorAdapter {
  /** Canonical id used in specs and the catalog: nvidia, amd, hygon, huawei, cambricon, kunlunxin, metax, mthreads, iluvatar, enflame, intel, biren. */
  id: string;
  displayName: string;
  /** Other names a user may write in `vendors:` (e.g. `ascend` for huawei, `gaudi` for intel). */
  aliases: string[];
  /** Software stack name (CUDA, ROCm, DTK, CANN, ...). */
  stack: string;
  /** The process-level visible-devices variable(s) a real node of this vendor honours. */
  visibleDevicesVariables: string[];
  /** Whether a fractional share is enforced by a sharing layer on this vendor (else whole devices only on real nodes). */
  shareEnforced: boolean;
  /**
   * The environment a task gets for its devices on a real node of this vendor:
   * visible-devices variable(s) and, for a share, the sharing layer's limit variables.
   */
  taskEnv(devices: readonly DeviceAllocation[]): Record<string, string>;
  /** Kubernetes resource names (per model where the vendor names resources per model). */
  kubernetesNames(model?: string): KubernetesNames;
  /** Limits and annotations for one container; throws VendorRequestError for a request the vendor cannot express. */
  kubernetesResources(request: KubernetesRequest): KubernetesResources;
  slurm: SlurmConventions;
  /** The `--gres` value; throws VendorRequestError for a request the vendor cannot express on Slurm. */
  slurmGres(request: SlurmRequest): string;
  /** What Junction must add to a Slurm step's environment so the vendor runtime sees the allocated devices. */
  slurmTaskEnv(allocation: SlurmAllocation): SlurmVisibleDevices;
  /** Software stack version lines, newest last. */
  stacks: readonly StackInfo[];
  /** The SMI tool that discovers this vendor's devices; absent for the CPU adapter. */
  discovery?: SmiTool;
}

/** Fraction of one device: memory in MiB plus compute percent (1..100). */
export interface ShareRequest {
  memoryMiB: number;
  computePercent: number;
}

/**
 * What a replica asks of one Kubernetes container. `count` devices, each whole or, with `share`, each holding that
 * share. `model` is a catalog model id. `via` picks whose resource names to use: the vendor's own device plugin
 * (whole devices only) or HAMi (whole or shared); absent = HAMi for a share, the device plugin otherwise.
 */
export interface KubernetesRequest {
  count: number;
  share?: ShareRequest;
  model?: string;
  via?: 'device-plugin' | 'hami';
}

export interface KubernetesResources {
  limits: Record<string, string>;
  annotations: Record<string, string>;
  nodeSelector?: Record<string, string>;
}

/** HAMi's resource names for shares of one vendor's devices, with the units each takes. */
export interface HamiShareNames {
  /** Number of (virtual) devices; absent where the memory and core resources alone ask for one slice. */
  count?: string;
  memory: string;
  /** MiB per unit of the memory resource (1 = MiB, 1024 = GiB, 512, 256 ...). */
  memoryUnitMiB: number;
  /** Absent where the sharing layer derives compute from memory (fixed partitions). */
  core?: string;
  /** Percent of the device per unit of the core resource (1 = percent; 6.25 = sixteenths). */
  corePercentPerUnit?: number;
  /** Most devices one container may hold shares of; absent = no limit. */
  maxDevices?: number;
}

/** A vendor's Kubernetes names for one model (some vendors name resources per model). */
export interface KubernetesNames {
  /** Whole-device extended resource as the vendor's device plugin registers it. */
  device: string;
  /** HAMi's whole-device count resource, where it differs from `device`. */
  hamiDevice: string;
  /** HAMi's share names; null = whole devices only. */
  share: HamiShareNames | null;
  /** HAMi annotations that keep a pod on (or off) device models; values are comma-separated name substrings. */
  useModelAnnotation?: string;
  avoidModelAnnotation?: string;
  useUuidAnnotation?: string;
  avoidUuidAnnotation?: string;
}

/** Slurm conventions for one vendor. Junction always uses gres name `gpu` unless a site says otherwise. */
export interface SlurmConventions {
  gresName: string;
  /** The gres.conf `Flags=` Junction expects on this vendor's `Name=gpu` lines. */
  gresFlags: string;
  /** Visible-devices variables Slurm's gres/gpu plugin sets, under those flags, that this vendor's runtime honours. */
  setBySlurm: string[];
  /** Whether `--gres=shard:N` may carry a share (only where Slurm itself sets the visible variable). */
  shards: boolean;
  /** The gres.conf `Type=` Junction expects for a catalog model. */
  gresType(model: string): string;
}

export interface SlurmRequest {
  count: number;
  share?: ShareRequest;
  model?: string;
  /** Shards configured per device in gres.conf; Junction's convention is 100, so one shard is one percent. */
  shardsPerDevice?: number;
}

/** The part of a Slurm step's environment that tells which devices it holds. */
export interface SlurmAllocation {
  env: Record<string, string | undefined>;
  /** True when cgroup ConstrainDevices renumbers the devices a step sees from 0. */
  devicesConstrained: boolean;
}

export type SlurmVisibleDevices = { ok: true; env: Record<string, string> } | { ok: false; reason: string };

export type PytorchSource = 'upstream' | 'vendor' | 'plugin';

/** One version line of a vendor software stack and how PyTorch is obtained for it. */
export interface StackInfo {
  /** The adapter's `stack` name. */
  stack: string;
  /** Version line, e.g. `12.4`, `8.0`, `24.04`. */
  version: string;
  pytorch: {
    source: PytorchSource;
    /** The package (plugin) or build that carries PyTorch support, e.g. `torch_npu`, `torch`. */
    package: string;
    /** PyTorch versions known to go with this stack version; empty when no source gave them. */
    versions: string[];
  };
  /** A public container image for this stack version; undefined when none is known (never guessed). */
  image?: string;
  notes?: string;
}

/** A device-discovery tool: how to run it and how to read what it prints. */
export interface SmiTool {
  command: string;
  args: readonly string[];
  parse(text: string): SmiResult;
}

export class SmiParseError extends Error {
  override readonly name = 'SmiParseError';
  constructor(
    readonly tool: string,
    message: string,
    /** The first line that could not be read, to show an operator. */
    readonly line?: string,
  ) {
    super(`${tool}: ${message}${line === undefined ? '' : ` (at: ${JSON.stringify(line.slice(0, 120))})`}`);
  }
}

/** Empty output is `ok` with no devices; output that is not the tool's format is an error, never a throw. */
export type SmiResult = { ok: true; devices: DeviceInfo[] } | { ok: false; error: SmiParseError };

/** Thrown only for requests that break a contract (a count below 1, a share a vendor cannot express). */
export class VendorRequestError extends Error {
  override readonly name = 'VendorRequestError';
}
