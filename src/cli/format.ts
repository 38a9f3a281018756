/**
 * Text helpers for human output: tables, ages, quantities, truncation, and the json/yaml
 * serialisation behind `-o`. Pure: the current time is a parameter.
 */
import Table from 'cli-table3';
import { stringify as toYaml } from 'yaml';

export type DataFormat = 'json' | 'yaml';

const MIB_PER_GIB = 1024;
const MIB_PER_TIB = 1024 * 1024;

/** Elapsed time since `from`, in the largest whole unit: "5s", "3m", "2h", "4d". "-" when unknown. */
export function formatAge(from: string | Date | null | undefined, now: Date): string {
  if (from === null || from === undefined) return '-';
  const start = typeof from === 'string' ? Date.parse(from) : from.getTime();
  if (Number.isNaN(start)) return '-';
  const seconds = Math.max(0, Math.floor((now.getTime() - start) / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

function trimNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, '');
}

/** A MiB quantity in the unit people read: 512 → "512Mi", 12288 → "12Gi", 1536 → "1.5Gi". */
export function formatMiB(mib: number): string {
  if (mib >= MIB_PER_TIB) return `${trimNumber(mib / MIB_PER_TIB)}Ti`;
  if (mib >= MIB_PER_GIB) return `${trimNumber(mib / MIB_PER_GIB)}Gi`;
  return `${trimNumber(mib)}Mi`;
}

/** Millicores as cores: 8000 → "8", 1500 → "1.5", 250 → "250m". */
export function formatCpu(millis: number): string {
  if (millis < 1000 && millis % 1000 !== 0) return `${millis}m`;
  return trimNumber(millis / 1000);
}

/** Cuts `text` to at most `max` characters, ending in "…" when it was cut. */
export function truncate(text: string, max: number): string {
  if (max <= 0) return '';
  if (text.length <= max) return text;
  if (max === 1) return '…';
  return `${text.slice(0, max - 1).trimEnd()}…`;
}

/** First line only, so one cell stays one row. */
export function oneLine(text: string | null | undefined): string {
  if (!text) return '';
  return text.split(/\r?\n/, 1)[0] ?? '';
}

export interface TableOptions {
  /** Colour the header (only when writing to a terminal). */
  color: boolean;
}

/**
 * A borderless, left-aligned table in the style of `kubectl get`: easy to read and to grep.
 * Lines carry no trailing spaces.
 */
export function renderTable(head: string[], rows: string[][], options: TableOptions): string {
  const table = new Table({
    head,
    chars: {
      top: '',
      'top-mid': '',
      'top-left': '',
      'top-right': '',
      bottom: '',
      'bottom-mid': '',
      'bottom-left': '',
      'bottom-right': '',
      left: '',
      'left-mid': '',
      mid: '',
      'mid-mid': '',
      right: '',
      'right-mid': '',
      middle: '   ',
    },
    style: { 'padding-left': 0, 'padding-right': 0, head: options.color ? ['bold'] : [], border: [] },
  });
  table.push(...rows);
  const lines = table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.length > 0);
  return `${lines.join('\n')}\n`;
}

/** The machine-readable form of a value for `-o json` / `-o yaml`, ending in a newline. */
export function serialize(value: unknown, format: DataFormat): string {
  if (format === 'json') return `${JSON.stringify(value, null, 2)}\n`;
  return toYaml(value, { lineWidth: 0 });
}
