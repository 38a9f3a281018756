/**
 * Finding this machine's NVIDIA devices with nvidia-smi. An absent or failing tool means no devices,
 * never an error: the node is then CPU-only.
 */
import { execFile } from 'node:child_process';
import type { DeviceInfo } from '../../cluster/types.js';
import { NVIDIA_SMI_QUERY_ARGS, parseNvidiaSmiCsv } from '../../vendors/nvidia-smi.js';

const NVIDIA_SMI_TIMEOUT_MS = 10_000;

export type NvidiaDiscovery =
  | { kind: 'found'; devices: DeviceInfo[] }
  /** The binary is not on PATH: no point asking again. */
  | { kind: 'absent' }
  /** It is there but failed (driver not loaded, timeout): ask again next time. */
  | { kind: 'failed'; error: Error };

export function discoverNvidiaDevices(): Promise<NvidiaDiscovery> {
  return new Promise((resolve) => {
    execFile('nvidia-smi', NVIDIA_SMI_QUERY_ARGS, { timeout: NVIDIA_SMI_TIMEOUT_MS }, (error, stdout) => {
      if (error === null) {
        resolve({ kind: 'found', devices: parseNvidiaSmiCsv(stdout) });
      } else if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        resolve({ kind: 'absent' });
      } else {
        resolve({ kind: 'failed', error: new Error(`nvidia-smi failed: ${error.message.trim()}`, { cause: error }) });
      }
    });
  });
}
