/**
 * Reading devices from nvidia-smi's CSV query output. Pure text in, DeviceInfo out; the caller runs the tool:
 *   nvidia-smi ...NVIDIA_SMI_QUERY_ARGS
 *
 * Format (nvidia-smi --help-query-gpu): one line per GPU, fields in query order separated by ", ";
 * with `nounits` memory.total is a plain MiB number; a value the device cannot report reads "[N/A]", and a
 * device in trouble reports bracketed errors such as "[GPU requires reset]" or "[Unknown Error]".
 * A GPU whose handle cannot be opened at all prints a free-text line ("Unable to determine the device
 * handle for GPU ...") instead of a row; such lines carry no index and are skipped.
 */
import type { DeviceInfo } from '../cluster/types.js';
import type { SmiTool } from './types.js';

export const NVIDIA_SMI_FIELDS = [
  'index',
  'uuid',
  'name',
  'memory.total',
  'ecc.errors.uncorrected.volatile.total',
] as const;

export const NVIDIA_SMI_QUERY_ARGS: string[] = [
  `--query-gpu=${NVIDIA_SMI_FIELDS.join(',')}`,
  '--format=csv,noheader,nounits',
];

/** The generic model id for an NVIDIA device whose name matches no catalog model. */
export const NVIDIA_UNKNOWN_MODEL = 'nvidia-unknown';

/**
 * nvidia-smi product names → catalog model ids, first match wins. Variants whose compute differs from the
 * catalog entry (H100 PCIe/NVL, H200 NVL) are deliberately not mapped; A100 PCIe and V100 16GB differ only in
 * memory size, bandwidth or power, and the device's real memory comes from the row itself.
 */
const NAME_TO_MODEL: readonly (readonly [RegExp, string])[] = [
  [/\bA100\b.*\b40\s?GB\b/i, 'nvidia-a100-40gb'],
  [/\bA100\b.*\b80\s?GB\b/i, 'nvidia-a100-80gb'],
  [/\bH100\b.*(\bSXM|\bHBM3\b)/i, 'nvidia-h100-sxm'],
  [/\bH200\b(?!.*\bNVL\b)/i, 'nvidia-h200'],
  [/\bH20\b/i, 'nvidia-h20'],
  [/\bL40S\b/i, 'nvidia-l40s'],
  [/\bRTX\s?4090\b(?!\s?D)/i, 'nvidia-geforce-rtx-4090'],
  [/\bV100\b/i, 'nvidia-tesla-v100'],
  [/\bT4\b/i, 'nvidia-tesla-t4'],
];

export function nvidiaModelId(name: string): string {
  for (const [pattern, id] of NAME_TO_MODEL) if (pattern.test(name)) return id;
  return NVIDIA_UNKNOWN_MODEL;
}

function isErrorValue(value: string): boolean {
  return /^\[.*\]$/.test(value) && value !== '[N/A]';
}

export function parseNvidiaSmiCsv(csv: string): DeviceInfo[] {
  const devices: DeviceInfo[] = [];
  for (const raw of csv.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    const fields = line.split(',').map((f) => f.trim());
    if (fields.length !== NVIDIA_SMI_FIELDS.length) continue;
    const [indexText, uuid, name, memoryText, eccText] = fields as [string, string, string, string, string];
    if (!/^\d+$/.test(indexText)) continue;
    const memory = Number(memoryText);
    const memoryKnown = /^\d+$/.test(memoryText);
    const ecc = Number(eccText);
    const eccBad = /^\d+$/.test(eccText) && ecc > 0;
    const healthy = memoryKnown && memory > 0 && !eccBad && !fields.some(isErrorValue);
    const device: DeviceInfo = {
      index: Number(indexText),
      vendor: 'nvidia',
      model: nvidiaModelId(name),
      memoryMiB: memoryKnown ? memory : 0,
      healthy,
    };
    if (/^GPU-[0-9a-f-]+$/i.test(uuid)) device.uuid = uuid;
    devices.push(device);
  }
  return devices;
}

/** nvidia-smi as a discovery tool: its parser never fails, since unreadable lines are skipped (see above). */
export const nvidiaSmi: SmiTool = {
  command: 'nvidia-smi',
  args: NVIDIA_SMI_QUERY_ARGS,
  parse: (text) => ({ ok: true, devices: parseNvidiaSmiCsv(text) }),
};
