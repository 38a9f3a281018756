/**
 * Intel Gaudi: the Intel Gaudi software stack (SynapseAI), process-level visibility through HABANA_VISIBLE_MODULES.
 *
 * Sources (ids from src/catalog/sources.ts):
 * - GD-VLLM: HABANA_VISIBLE_MODULES is the process variable (vLLM's Gaudi platform, the device plugin);
 *   HABANA_VISIBLE_DEVICES is the container runtime's and is not set here. It takes module ids, which is what
 *   a Gaudi node's DeviceInfo.index must hold.
 * - GD-K8S, GD-SURVEY: habana.ai/gaudi is whole-card only; no sharing layer is known, so shareEnforced=false
 *   and a share carries only the vendor-neutral Junction variables.
 *
 * Kubernetes: habana.ai/gaudi (Intel Gaudi device plugin; GD-K8S), whole devices only: HAMi has no Gaudi support.
 * Slurm: gres/gpu's Intel variable is ZE_AFFINITY_MASK (Level Zero GPUs), which Gaudi does not read, so
 * Flags=no_gpu_env and Junction sets HABANA_VISIBLE_MODULES; gres.conf must list File= in module-id order.
 * Stacks: PyTorch comes as the Gaudi bridge (habana_frameworks) inside Intel's installer images; image paths are
 * the ones Intel's docs and public Dockerfiles pull.
 */
import { defineVendor } from './define.js';
import { slurmConventions } from './slurm.js';
import { hlSmi } from './smi/hl-smi.js';
import type { StackInfo } from './types.js';

const bridge = (versions: string[]) => ({ source: 'plugin' as const, package: 'habana_frameworks', versions });

/** Intel Gaudi software releases and their PyTorch installer images on vault.habana.ai. */
export const intelStacks: readonly StackInfo[] = [
  {
    stack: 'SynapseAI',
    version: '1.15',
    pytorch: bridge(['2.2']),
    image: 'vault.habana.ai/gaudi-docker/1.15.1/ubuntu22.04/habanalabs/pytorch-installer-2.2.0:latest',
  },
  {
    stack: 'SynapseAI',
    version: '1.16',
    pytorch: bridge(['2.2']),
    image: 'vault.habana.ai/gaudi-docker/1.16.2/ubuntu22.04/habanalabs/pytorch-installer-2.2.2:latest',
  },
  {
    stack: 'SynapseAI',
    version: '1.17',
    pytorch: bridge(['2.3']),
    image: 'vault.habana.ai/gaudi-docker/1.17.0/ubuntu22.04/habanalabs/pytorch-installer-2.3.1:latest',
  },
  {
    stack: 'SynapseAI',
    version: '1.18',
    pytorch: bridge(['2.4']),
    image: 'vault.habana.ai/gaudi-docker/1.18.0/ubuntu22.04/habanalabs/pytorch-installer-2.4.0:latest',
  },
];

export const intel = defineVendor({
  id: 'intel',
  displayName: 'Intel Gaudi',
  aliases: ['gaudi', 'habana', 'hpu', 'synapseai'],
  stack: 'SynapseAI',
  visibleDevicesVariables: ['HABANA_VISIBLE_MODULES'],
  kubernetes: { device: 'habana.ai/gaudi', hamiDevice: 'habana.ai/gaudi', share: null },
  slurm: slurmConventions('none'),
  stacks: intelStacks,
  discovery: hlSmi,
});
