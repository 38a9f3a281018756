/**
 * capacity-fit with a share-device picker: the framework's `device` step. compileProfile puts it in
 * place of capacity-fit when a score plugin of the profile also picks share devices (frag-pack,
 * fgd). It runs capacity-fit unchanged and then, for a share, lets the picker choose among the
 * devices that could take it (of the model capacity-fit chose, so model preferences keep their
 * meaning), rewriting the cached fit that scoring and binding both read.
 */
import type { FitCache } from '../fit-cache.js';
import { FIT_KEY } from '../fit-cache.js';
import type { FilterPlugin } from '../framework.js';
import { capacityFit } from './capacity-fit.js';
import type { ShareDevicePicker } from './device-choice.js';

export function capacityFitWithPicker(picker: ShareDevicePicker): FilterPlugin {
  return {
    name: capacityFit.name,
    filter(job, node, ctx) {
      const verdict = capacityFit.filter(job, node, ctx);
      const acc = job.spec.resources.perReplica.accelerators;
      if (verdict.code !== 'success' || acc.kind !== 'share' || !acc.share) return verdict;
      const fits = ctx.cycle.read<FitCache>(FIT_KEY);
      const fit = fits?.get(node.info.name);
      if (!fits || !fit?.ok) return verdict;
      const chosen = fit.devices[0]!;
      const model = node.devices[chosen.index]!.info.model;
      const fitting: number[] = [];
      for (const d of node.devices) {
        if (d.info.model !== model || !d.info.healthy || d.info.memoryMiB < acc.minMemoryMiB) continue;
        if (d.freeMemoryMiB >= acc.share.memoryMiB && d.freeComputePercent >= acc.share.computePercent) {
          fitting.push(d.info.index);
        }
      }
      const index = picker.pickShareDevice(job, node, fitting);
      if (index !== chosen.index) fits.set(node.info.name, { ...fit, devices: [{ ...chosen, index }] });
      return verdict;
    },
  };
}
