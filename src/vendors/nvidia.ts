/**
 * NVIDIA: CUDA, process-level visibility through CUDA_VISIBLE_DEVICES.
 *
 * Sources (ids from the catalog's source list, src/catalog/sources.ts):
 * - HAMI-CODE, FLAGPERF: CUDA_VISIBLE_DEVICES is the process variable; NVIDIA_VISIBLE_DEVICES is the
 *   container runtime's and is not set here, since a process on a real node is already inside (or outside) it.
 * - HAMi-core README (github.com/Project-HAMi/HAMi-core): CUDA_DEVICE_MEMORY_LIMIT takes a size with a unit
 *   suffix (e.g. 12288m) and CUDA_DEVICE_SM_LIMIT a percent.
 * - HAMi device plugin (pkg/device-plugin/nvidiadevice, Allocate): one CUDA_DEVICE_MEMORY_LIMIT_<i> per device,
 *   i = position within the visible list, and a single CUDA_DEVICE_SM_LIMIT taken from the first device. We follow
 *   the same conventions so a task behaves the same under HAMi-core on any backend.
 */
import { defineVendor } from './define.js';

export const nvidia = defineVendor({
  id: 'nvidia',
  displayName: 'NVIDIA',
  aliases: ['cuda', 'nv', 'geforce', 'tesla'],
  stack: 'CUDA',
  visibleDevicesVariables: ['CUDA_VISIBLE_DEVICES'],
  shareEnv(devices) {
    const env: Record<string, string> = {};
    devices.forEach((d, i) => {
      env[`CUDA_DEVICE_MEMORY_LIMIT_${i}`] = `${d.memoryMiB}m`;
    });
    const first = devices[0];
    if (first) env.CUDA_DEVICE_SM_LIMIT = String(first.computePercent);
    return env;
  },
});
