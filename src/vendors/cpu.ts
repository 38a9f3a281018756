/**
 * CPU only: a task that holds no accelerator. Stack "cpu"; no devices, no visible-devices variable, no device
 * resources on Kubernetes or Slurm. Any request for devices breaks the contract and throws VendorRequestError.
 * Stacks: PyTorch's upstream CPU wheels (download.pytorch.org/whl/cpu).
 */
import { slurmConventions } from './slurm.js';
import { type StackInfo, type VendorAdapter, VendorRequestError } from './types.js';

export const cpuStacks: readonly StackInfo[] = [
  { stack: 'cpu', version: 'any', pytorch: { source: 'upstream', package: 'torch', versions: [] } },
];

function noDevices(count: number): void {
  if (count !== 0) throw new VendorRequestError('cpu: holds no devices; count must be 0');
}

export const cpu: VendorAdapter = {
  id: 'cpu',
  displayName: 'CPU only',
  aliases: [],
  stack: 'cpu',
  visibleDevicesVariables: [],
  shareEnforced: false,
  taskEnv: () => ({}),
  kubernetesNames: () => ({ device: '', hamiDevice: '', share: null }),
  kubernetesResources(request) {
    noDevices(request.count);
    return { limits: {}, annotations: {} };
  },
  slurm: { ...slurmConventions('none'), gresName: '' },
  slurmGres(request) {
    noDevices(request.count);
    return '';
  },
  slurmTaskEnv: () => ({ ok: true, env: {} }),
  stacks: cpuStacks,
};
