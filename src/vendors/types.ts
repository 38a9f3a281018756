/**
 * A vendor adapter: everything Junction must know to speak one vendor's language.
 * Pure data and pure functions; one file per vendor, listed in ./registry.ts.
 */
import type { DeviceAllocation } from '../cluster/types.js';

export interface VendorAdapter {
  /** Canonical id used in specs and the catalog: nvidia, amd, hygon, huawei, cambricon, kunlunxin, metax, mthreads, iluvatar, enflame, intel, biren. */
  id: string;
  displayName: string;
  /** Other names a user may write in `vendors:` (e.g. `ascend` for huawei, `gaudi` for intel). */
  aliases: string[];
  /** Software stack name (CUDA, ROCm, DTK, CANN, ...). */
  stack: string;
  /** The process-level visible-devices variable(s) a real node of this vendor honours. */
  visibleDevicesVariables: string[];
  /** Whether a fractional share is enforced by a sharing layer on this vendor (else whole devices only on real nodes). */
  shareEnforced: boolean;
  /**
   * The environment a task gets for its devices on a real node of this vendor:
   * visible-devices variable(s) and, for a share, the sharing layer's limit variables.
   */
  taskEnv(devices: readonly DeviceAllocation[]): Record<string, string>;
}
