/**
 * Device capacity a node strands for lack of CPU. Accelerator work brings CPU with it: on average
 * ρ CPU millis per milli-device (ρ from the expected workload). A node with free CPU c can feed at
 * most c / ρ more milli-devices, so any free device milli beyond that is likely to stay idle:
 *   stranded = max(0, Σ free milli − c / ρ).
 * FGD's measure sees CPU only as a cliff (a request whose CPU no longer fits strands everything);
 * this term sees it before the cliff, so CPU-heavy work drifts to CPU-rich nodes and CPU-light
 * work to CPU-tight ones. Pure.
 */
import type { DeviceFree, WorkloadMix } from './fragmentation.js';
import { DEVICE_MILLI } from './fragmentation.js';

/** Expected CPU millis per milli-device of the mix's accelerator requests; 0 when it has none (term off). */
export function cpuPerDeviceMilli(mix: WorkloadMix): number {
  let cpu = 0;
  let milli = 0;
  for (const m of mix.requests) {
    if (m.kind === 'none') continue;
    cpu += m.weight * m.cpuMillis;
    milli += m.weight * (m.kind === 'whole' ? DEVICE_MILLI * m.count : m.shareComputePercent * 10);
  }
  return milli > 0 ? cpu / milli : 0;
}

/** Free device milli beyond what the node's free CPU can feed at `cpuPerMilli` (0 = no CPU term). */
export function strandedDeviceMilli(
  freeCpuMillis: number,
  devices: readonly DeviceFree[],
  cpuPerMilli: number,
): number {
  if (cpuPerMilli <= 0) return 0;
  let free = 0;
  for (const d of devices) free += d.milli;
  return Math.max(0, free - Math.max(freeCpuMillis, 0) / cpuPerMilli);
}
