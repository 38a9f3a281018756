/**
 * Device-equivalents held by one replica, in thousandths: a whole device is 1000; a share is
 * charged for the larger of its memory fraction and its compute fraction (what it keeps others
 * from using), rounded up to the next thousandth so that a share is never billed as free.
 */

/** What one replica holds on one device (structurally the cluster's DeviceAllocation). */
export interface HeldDevice {
  index: number;
  memoryMiB: number;
  computePercent: number;
  whole: boolean;
}

/** ceil(n × 1000 / d) for non-negative n, with float noise (12.3 × 10 = 123.00000000000001) removed first. */
function thousandthsUp(n: number, d: number): number {
  const exact = Math.round(((n * 1000) / d) * 1e6) / 1e6;
  return Math.ceil(exact);
}

/**
 * Sum over the replica's devices. `deviceMemoryMiB(index)` is the total memory of the device with
 * that index on the replica's node.
 */
export function deviceMilliOf(devices: readonly HeldDevice[], deviceMemoryMiB: (index: number) => number): number {
  let total = 0;
  for (const [i, d] of devices.entries()) {
    if (d.whole) {
      total += 1000;
      continue;
    }
    if (!(d.memoryMiB >= 0) || !(d.computePercent >= 0)) {
      throw new Error(`devices[${i}]: memoryMiB and computePercent must be non-negative`);
    }
    const capacity = deviceMemoryMiB(d.index);
    if (!(capacity > 0)) throw new Error(`devices[${i}]: device ${d.index} has no memory size (${capacity})`);
    const byMemory = thousandthsUp(d.memoryMiB, capacity);
    const byCompute = thousandthsUp(d.computePercent, 100);
    total += Math.min(1000, Math.max(byMemory, byCompute));
  }
  return total;
}
