/**
 * RFC 4180 CSV for bills and usage rows: CRLF line ends, fields quoted when they hold a comma,
 * a quote, CR or LF, quotes doubled. Money and quantities are written as the exact decimal strings.
 * Names are written as they are (no spreadsheet-formula escaping), so the file parses back exactly.
 */
import { formatMicros } from './money.js';
import type { Bill, Dimension, UsageRow } from './types.js';

type Cell = string | number | null;

export function csvField(value: Cell): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

/** Parses RFC 4180 CSV (either line end) into rows of fields. Throws on a malformed quote. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i += 1;
        if (i < text.length && !/[,\r\n]/.test(text[i]!))
          throw new Error(`csv: unexpected character after a quote at ${i}`);
      } else {
        field += ch;
        i += 1;
      }
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i += 1;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      i += 1;
    } else if (ch === '\r' || ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i += 1;
    }
  }
  if (quoted) throw new Error('csv: unterminated quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export const BILL_CSV_HEADER = [
  'row',
  'kind',
  'party',
  'period_from',
  'period_to',
  'currency',
  'site',
  'provider',
  'tenant',
  'queue',
  'vendor',
  'model',
  'price_kind',
  'price_revisions',
  'per_device_hour',
  'per_cpu_hour',
  'per_memory_gib_hour',
  'records',
  'jobs',
  'device_hours',
  'cpu_hours',
  'memory_gib_hours',
  'device_cost',
  'cpu_cost',
  'memory_cost',
  'cost_micros',
  'cost',
] as const;

/** A header, one row per line, then one TOTAL row per currency. */
export function billCsv(bill: Bill): string {
  const head = [bill.kind, bill.party, bill.period.from, bill.period.to];
  const rows: Cell[][] = [[...BILL_CSV_HEADER]];
  for (const l of bill.lines) {
    rows.push([
      'line',
      ...head,
      l.currency,
      l.site,
      l.provider,
      l.tenant,
      l.queue,
      l.vendor,
      l.model,
      l.priceKind,
      l.priceRevisions.join(' '),
      l.perDeviceHour,
      l.perCpuHour,
      l.perMemoryGiBHour,
      l.records,
      l.jobs,
      l.deviceHours,
      l.cpuHours,
      l.memoryGiBHours,
      formatMicros(l.deviceCostMicros),
      formatMicros(l.cpuCostMicros),
      formatMicros(l.memoryCostMicros),
      l.costMicros,
      l.cost,
    ]);
  }
  const blanks = BILL_CSV_HEADER.length - 6 - 2;
  for (const t of bill.totals) {
    rows.push(['TOTAL', ...head, t.currency, ...Array<Cell>(blanks).fill(''), t.costMicros, t.cost]);
  }
  return toCsv(rows);
}

/** A header (the row keys' dimensions, then the sums) and one row per usage row. */
export function usageCsv(rows: readonly UsageRow[], by?: readonly Dimension[]): string {
  const dims = (by ?? (Object.keys(rows[0]?.key ?? {}) as Dimension[])).filter((d) => d !== 'currency');
  const out: Cell[][] = [
    [
      ...dims,
      'currency',
      'records',
      'jobs',
      'duration_ms',
      'device_milli_ms',
      'cpu_milli_ms',
      'memory_mib_ms',
      'device_hours',
      'cpu_hours',
      'memory_gib_hours',
      'cost_micros',
      'cost',
    ],
  ];
  for (const r of rows) {
    out.push([
      ...dims.map((d) => r.key[d] ?? null),
      r.currency,
      r.records,
      r.jobs,
      r.durationMs,
      r.deviceMilliMs,
      r.cpuMilliMs,
      r.memoryMiBMs,
      r.deviceHours,
      r.cpuHours,
      r.memoryGiBHours,
      r.costMicros,
      r.cost,
    ]);
  }
  return toCsv(out);
}
