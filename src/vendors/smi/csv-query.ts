/**
 * The CSV query mode some SMI tools copy from nvidia-smi (`--query-...=a,b,c --format=csv,noheader,nounits`):
 * one line per device, fields in query order separated by ", ". `[N/A]` means "not supported"; other bracketed
 * values are errors and make the device unhealthy. Free-text lines (warnings, "No devices were found") are skipped;
 * output with lines but no device line at all is not this format.
 */
import type { DeviceInfo } from '../../cluster/types.js';
import type { SmiResult } from '../types.js';
import { csvCells, fail, isBracketError, modelIdFor, nonBlankLines, ok, sizeMiB } from './common.js';

export interface CsvQuery {
  tool: string;
  vendor: string;
  /** Query fields in order; must include the index, name and memory fields named below. */
  fields: readonly string[];
  indexField: string;
  nameField: string;
  memoryField: string;
  uuidField?: string;
  patterns?: readonly (readonly [RegExp, string])[];
}

export function parseCsvQuery(spec: CsvQuery, text: string): SmiResult {
  const lines = nonBlankLines(text);
  const at = (name: string) => spec.fields.indexOf(name);
  const devices: DeviceInfo[] = [];
  for (const line of lines) {
    const cells = csvCells(line, spec.fields.length);
    if (!cells || !/^\d+$/.test(cells[at(spec.indexField)] ?? '')) continue;
    const memoryText = cells[at(spec.memoryField)] ?? '';
    const memory = /^\d+$/.test(memoryText) ? Number(memoryText) : sizeMiB(memoryText);
    const device: DeviceInfo = {
      index: Number(cells[at(spec.indexField)]),
      vendor: spec.vendor,
      model: modelIdFor(spec.vendor, cells[at(spec.nameField)] ?? '', spec.patterns),
      memoryMiB: memory ?? 0,
      healthy: memory !== undefined && memory > 0 && !cells.some(isBracketError),
    };
    const uuid = spec.uuidField === undefined ? undefined : cells[at(spec.uuidField)];
    if (uuid && !uuid.startsWith('[')) device.uuid = uuid;
    devices.push(device);
  }
  if (devices.length === 0 && lines.length > 0 && !lines.some((l) => /no devices? (were )?found/i.test(l))) {
    return fail(spec.tool, 'no device line', lines[0]);
  }
  return ok(devices);
}
