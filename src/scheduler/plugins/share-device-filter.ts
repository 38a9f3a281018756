/**
 * capacity-fit with a share-device picker: the framework's `device` step. compileProfile puts it in
 * place of capacity-fit when a score plugin of the profile also picks share devices (frag-pack,
 * fgd). It runs capacity-fit unchanged and then, for a share, lets the picker choose among the
 * devices that could take it (of the model capacity-fit chose, so model preferences keep their
 * meaning), rewriting the cached fit that scoring and binding both read.
 */
import { eligibleDevice, type FitResult } from '../../cluster/fit.js';
import type { DeviceState, NodeState } from '../../cluster/state.js';
import type { FitCache } from '../fit-cache.js';
import { FIT_KEY } from '../fit-cache.js';
import { type FilterPlugin, type PendingJob, SUCCESS } from '../framework.js';
import { capacityFit } from './capacity-fit.js';
import type { ShareDevicePicker } from './device-choice.js';

export function capacityFitWithPicker(picker: ShareDevicePicker): FilterPlugin {
  return {
    name: capacityFit.name,
    filter(job, node, ctx) {
      const acc = job.spec.resources.perReplica.accelerators;
      const fits = ctx.cycle.read<FitCache>(FIT_KEY);
      if (acc.kind === 'share' && acc.share && fits) {
        const fit = pickedOfOneModel(job, node, picker);
        if (fit) {
          fits.set(node.info.name, fit);
          return SUCCESS;
        }
      }
      const verdict = capacityFit.filter(job, node, ctx);
      if (verdict.code !== 'success' || acc.kind !== 'share' || !acc.share) return verdict;
      const fit = fits?.get(node.info.name);
      if (!fits || !fit?.ok) return verdict;
      const chosen = fit.devices[0]!;
      const model = node.devices[chosen.index]!.info.model;
      const index = picker.pickShareDevice(job, node, fittingDevices(job, node, model));
      if (index !== chosen.index) fits.set(node.info.name, { ...fit, devices: [{ ...chosen, index }] });
      return verdict;
    },
  };
}

/** The devices of `model` on the node that could take the job's share now, in index order. */
function fittingDevices(job: PendingJob, node: NodeState, model: string): number[] {
  const acc = job.spec.resources.perReplica.accelerators;
  const share = acc.share!;
  const fitting: number[] = [];
  for (const d of node.devices) {
    if (d.info.model !== model || !d.info.healthy || d.info.memoryMiB < acc.minMemoryMiB) continue;
    if (d.freeMemoryMiB >= share.memoryMiB && d.freeComputePercent >= share.computePercent) fitting.push(d.info.index);
  }
  return fitting;
}

/**
 * The same answer as capacity-fit then the picker, in one pass, when the share fits and every
 * device with room for it is of one model (capacity-fit can then only choose that model):
 * undefined otherwise, and the caller takes the long way (which also explains a refusal).
 */
function pickedOfOneModel(job: PendingJob, node: NodeState, picker: ShareDevicePicker): FitResult | undefined {
  const per = job.spec.resources.perReplica;
  const share = per.accelerators.share!;
  if (node.freeCpuMillis < per.cpuMillis || node.freeMemoryMiB < per.memoryMiB) return undefined;
  // The eligible devices with room, all of one model: exactly what fittingDevices would list for it.
  let first: DeviceState | undefined;
  const fitting: number[] = [];
  for (const d of node.devices) {
    if (d.freeMemoryMiB < share.memoryMiB || d.freeComputePercent < share.computePercent) continue;
    if (!eligibleDevice(d, per)) continue;
    if (first === undefined) first = d;
    else if (d.info.model !== first.info.model) return undefined;
    fitting.push(d.info.index);
  }
  if (first === undefined) return undefined;
  const index = picker.pickShareDevice(job, node, fitting);
  return {
    ok: true,
    vendor: first.info.vendor,
    model: first.info.model,
    devices: [{ index, memoryMiB: share.memoryMiB, computePercent: share.computePercent, whole: false }],
  };
}
