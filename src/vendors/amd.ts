/**
 * AMD Instinct: ROCm, process-level visibility through HIP_VISIBLE_DEVICES.
 *
 * Sources (ids from src/catalog/sources.ts):
 * - FG, HAMI-CODE: HIP_VISIBLE_DEVICES for the process; ROCR_VISIBLE_DEVICES is the lower ROCr runtime's
 *   filter, which HAMi's AMD design injects at container level. Setting both with the same host indices would
 *   filter twice (HIP renumbers after ROCr), so only HIP_VISIBLE_DEVICES is set.
 * - OPT-AMD: an MI250X card appears as two devices (one per GCD); indices count GCDs.
 * - Shares: HAMi's supported-device table (Project-HAMi/website, userguide/Device-supported.md) lists no AMD
 *   device, and the amd.com/gpumem resources (HAMI-CM) come from a development design, so nothing is taken to
 *   enforce a share on AMD: shareEnforced=false, only the vendor-neutral variables are set.
 */
import { defineVendor } from './define.js';

export const amd = defineVendor({
  id: 'amd',
  displayName: 'AMD Instinct',
  aliases: ['rocm', 'instinct', 'hip', 'radeon'],
  stack: 'ROCm',
  visibleDevicesVariables: ['HIP_VISIBLE_DEVICES'],
});
