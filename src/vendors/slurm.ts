/**
 * Slurm conventions shared by every vendor. Pure: Slurm's environment comes in as data.
 *
 * Sources: Slurm gres.html (SchedMD/slurm doc/html/gres.shtml, last modified 2024-10-30) and gres.conf(5):
 * - gres/gpu sets CUDA_VISIBLE_DEVICES for each step (and, per gres.conf Flags, ROCR_VISIBLE_DEVICES,
 *   ZE_AFFINITY_MASK, GPU_DEVICE_ORDINAL: flags nvidia_gpu_env, amd_gpu_env, intel_gpu_env, opencl_env, no_gpu_env).
 * - With cgroup device constraint the step's value counts from 0 (a job holding /dev/nvidia1 sees "0").
 * - `--gres=shard:N` shares a GPU without fencing it; shards fit on one GPU by default, Type is ignored for shards,
 *   and a step with shards gets the same visible variable as for a GPU.
 * - SLURM_STEP_GPUS / SLURM_JOB_GPUS hold the global indices (gres.conf File= order) of the allocated GPUs.
 * Junction names every vendor's devices `gpu` in gres.conf (Type= the model), so those index variables exist for
 * all of them; for vendors whose runtime reads none of Slurm's variables, gres.conf should say Flags=no_gpu_env and
 * Junction sets the vendor's own variable from the indices.
 */
import { getModel } from '../catalog/index.js';
import { checkCount, checkShare } from './kubernetes.js';
import {
  type SlurmAllocation,
  type SlurmConventions,
  type SlurmRequest,
  type SlurmVisibleDevices,
  VendorRequestError,
} from './types.js';

/** Junction's shards per device when a site does not say: one shard per percent. */
export const DEFAULT_SHARDS_PER_DEVICE = 100;

/** The gres.conf Type= token Junction expects for a model: its first alias, lower case, non-alphanumerics as `_`. */
export function defaultGresType(model: string): string {
  const m = getModel(model);
  const base = m?.aliases[0] ?? model.slice(model.indexOf('-') + 1);
  return base.toLowerCase().replace(/[^a-z0-9]+/g, '_');
}

/**
 * Conventions for a vendor by which of Slurm's variables its runtime honours:
 * `cuda` (CUDA_VISIBLE_DEVICES), `rocr` (ROCR_VISIBLE_DEVICES), or none (Junction sets the vendor's own).
 */
export function slurmConventions(slurmSets: 'cuda' | 'rocr' | 'none'): SlurmConventions {
  const base = { gresName: 'gpu', gresType: defaultGresType };
  if (slurmSets === 'cuda') {
    return { ...base, gresFlags: 'nvidia_gpu_env', setBySlurm: ['CUDA_VISIBLE_DEVICES'], shards: true };
  }
  if (slurmSets === 'rocr') {
    return { ...base, gresFlags: 'amd_gpu_env', setBySlurm: ['ROCR_VISIBLE_DEVICES'], shards: true };
  }
  return { ...base, gresFlags: 'no_gpu_env', setBySlurm: [], shards: false };
}

export function slurmGresFor(vendor: string, conv: SlurmConventions, request: SlurmRequest): string {
  checkCount(request.count, vendor);
  if (request.share) {
    if (!conv.shards) throw new VendorRequestError(`${vendor}: Slurm shards are not usable here; whole devices only`);
    checkShare(request.share, vendor);
    if (request.count !== 1) throw new VendorRequestError(`${vendor}: Slurm shards fit on one device`);
    const perDevice = request.shardsPerDevice ?? DEFAULT_SHARDS_PER_DEVICE;
    const shards = Math.max(1, Math.ceil((request.share.computePercent / 100) * perDevice));
    return `shard:${shards}`;
  }
  const type = request.model === undefined ? '' : `${conv.gresType(request.model)}:`;
  return `${conv.gresName}:${type}${request.count}`;
}

function parseIndices(text: string): number[] | undefined {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.some((p) => !/^\d+$/.test(p))) return undefined;
  return parts.map(Number);
}

export function slurmTaskEnvFor(
  conv: SlurmConventions,
  visibleDevicesVariables: readonly string[],
  allocation: SlurmAllocation,
): SlurmVisibleDevices {
  const { env } = allocation;
  if (conv.setBySlurm.length > 0) {
    const missing = conv.setBySlurm.filter((name) => env[name] === undefined);
    if (missing.length === 0) return { ok: true, env: {} };
    return { ok: false, reason: `Slurm set no ${missing.join(', ')}: check gres.conf Flags=${conv.gresFlags}` };
  }
  const raw = env.SLURM_STEP_GPUS ?? env.SLURM_JOB_GPUS;
  if (raw === undefined || raw.trim() === '') {
    return { ok: false, reason: 'Slurm set neither SLURM_STEP_GPUS nor SLURM_JOB_GPUS: no gres/gpu allocated' };
  }
  const indices = parseIndices(raw);
  if (indices === undefined) return { ok: false, reason: `unreadable GPU index list ${JSON.stringify(raw)}` };
  const value = (allocation.devicesConstrained ? indices.map((_, i) => i) : indices).join(',');
  const out: Record<string, string> = {};
  for (const name of visibleDevicesVariables) out[name] = value;
  return { ok: true, env: out };
}
