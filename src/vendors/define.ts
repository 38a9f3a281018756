/**
 * The one place that turns a vendor's static description into a VendorAdapter, so every
 * vendor builds its task environment the same way: its visible-devices variable(s) listing
 * the device indices in allocation order, plus share limits when any device is a fraction.
 */
import type { DeviceAllocation } from '../cluster/types.js';
import { defaultModelTokens, kubernetesResourcesFor } from './kubernetes.js';
import { slurmGresFor, slurmTaskEnvFor } from './slurm.js';
import type { KubernetesNames, SlurmConventions, SmiTool, StackInfo, VendorAdapter } from './types.js';

/** Vendor-neutral share limits, set on every vendor: comma-separated, one entry per visible device, in order. */
export const JUNCTION_MEMORY_LIMIT_VAR = 'JUNCTION_DEVICE_MEMORY_LIMIT_MIB';
export const JUNCTION_COMPUTE_PERCENT_VAR = 'JUNCTION_DEVICE_COMPUTE_PERCENT';

export interface VendorDefinition {
  id: string;
  displayName: string;
  aliases: string[];
  stack: string;
  visibleDevicesVariables: string[];
  /** The sharing layer's own limit variables for a task holding at least one share; absent = nothing enforces shares. */
  shareEnv?: (devices: readonly DeviceAllocation[]) => Record<string, string>;
  /** Kubernetes names, or a function of the catalog model where the vendor names resources per model. */
  kubernetes: KubernetesNames | ((model?: string) => KubernetesNames);
  /** Device-name substrings for HAMi's model annotations; default: the catalog model's first alias. */
  modelTokens?: (model: string) => string[];
  slurm: SlurmConventions;
  stacks: readonly StackInfo[];
  discovery?: SmiTool;
}

export function isShared(devices: readonly DeviceAllocation[]): boolean {
  return devices.some((d) => !d.whole);
}

export function deviceList(devices: readonly DeviceAllocation[]): string {
  return devices.map((d) => String(d.index)).join(',');
}

/** The vendor-neutral limit variables; empty for whole devices only. */
export function neutralShareEnv(devices: readonly DeviceAllocation[]): Record<string, string> {
  if (!isShared(devices)) return {};
  return {
    [JUNCTION_MEMORY_LIMIT_VAR]: devices.map((d) => String(d.memoryMiB)).join(','),
    [JUNCTION_COMPUTE_PERCENT_VAR]: devices.map((d) => String(d.computePercent)).join(','),
  };
}

export function defineVendor(def: VendorDefinition): VendorAdapter {
  const { shareEnv, kubernetes, modelTokens, ...rest } = def;
  const names = typeof kubernetes === 'function' ? kubernetes : () => kubernetes;
  const tokens = modelTokens ?? defaultModelTokens;
  return {
    ...rest,
    shareEnforced: shareEnv !== undefined,
    kubernetesNames: names,
    kubernetesResources: (request) => kubernetesResourcesFor(def.id, names(request.model), request, tokens),
    slurmGres: (request) => slurmGresFor(def.id, def.slurm, request),
    slurmTaskEnv: (allocation) => slurmTaskEnvFor(def.slurm, def.visibleDevicesVariables, allocation),
    taskEnv(devices) {
      const env: Record<string, string> = {};
      const list = deviceList(devices);
      for (const name of def.visibleDevicesVariables) env[name] = list;
      if (!isShared(devices)) return env;
      return { ...env, ...neutralShareEnv(devices), ...(shareEnv ? shareEnv(devices) : {}) };
    },
  };
}
