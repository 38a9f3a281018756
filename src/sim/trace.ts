/**
 * The Alibaba GPU trace (cluster-trace-gpu-v2023, "openb") as data: pure parsers of the node-list
 * and pod-list CSV text, exactly as published. Columns are found by their header name, so column
 * order does not matter; every bad value is reported with the file, line and column.
 */

export interface TraceNode {
  name: string;
  cpuMillis: number;
  memoryMiB: number;
  gpus: number;
  /** GPU model as the trace names it (T4, P100, G2, ...); '' for a CPU-only node. */
  model: string;
}

export interface TracePod {
  name: string;
  cpuMillis: number;
  memoryMiB: number;
  /** Whole GPUs (0–8); 1 for a GPU-sharing pod. */
  gpus: number;
  /** Share of each GPU in milli (0–1000): below 1000 only for a sharing pod on one GPU. */
  gpuMilli: number;
  /** Allowed GPU models; empty = any model. */
  gpuSpec: string[];
  qos: string;
  phase: string;
  /** Seconds; null when the cell is empty. */
  creationTime: number | null;
  deletionTime: number | null;
  scheduledTime: number | null;
}

export class TraceFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    /** 1-based column, or 0 when the whole row or file is at fault. */
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}${column > 0 ? `:${column}` : ''}: ${reason}`);
    this.name = 'TraceFormatError';
  }
}

const NODE_COLUMNS = ['sn', 'cpu_milli', 'memory_mib', 'gpu', 'model'] as const;
const POD_COLUMNS = [
  'name',
  'cpu_milli',
  'memory_mib',
  'num_gpu',
  'gpu_milli',
  'gpu_spec',
  'qos',
  'pod_phase',
  'creation_time',
  'deletion_time',
  'scheduled_time',
] as const;

interface Row<C extends string> {
  cell(column: C): string;
  int(column: C, min: number, max?: number): number;
  /** An error naming this row and the cell's column. */
  fail(column: C, reason: string): TraceFormatError;
}

/** Splits the text into rows and hands each one, with typed cell access, to `build`. */
function parseRows<C extends string, T>(
  text: string,
  file: string,
  columns: readonly C[],
  build: (row: Row<C>, line: number) => T,
): T[] {
  const lines = text.split('\n');
  const header = (lines[0] ?? '').replace(/\r$/, '').split(',');
  const position = new Map<C, number>();
  for (const column of columns) {
    const index = header.indexOf(column);
    if (index === -1) throw new TraceFormatError(file, 1, 0, `missing column "${column}" (header: ${lines[0] ?? ''})`);
    position.set(column, index);
  }
  const out: T[] = [];
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, '');
    if (raw === '') continue;
    const line = i + 1;
    const cells = raw.split(',');
    if (cells.length !== header.length) {
      throw new TraceFormatError(file, line, 0, `expected ${header.length} cells, found ${cells.length}`);
    }
    const row: Row<C> = {
      cell: (column) => cells[position.get(column)!]!,
      fail: (column, reason) => new TraceFormatError(file, line, position.get(column)! + 1, reason),
      int(column, min, max = Number.MAX_SAFE_INTEGER) {
        const index = position.get(column)!;
        const value = cells[index]!;
        const n = /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
        if (!Number.isSafeInteger(n) || n < min || n > max) {
          const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `${min}..${max}`;
          throw new TraceFormatError(file, line, index + 1, `${column} must be an integer ${range}, got "${value}"`);
        }
        return n;
      },
    };
    out.push(build(row, line));
  }
  return out;
}

export function parseNodeList(text: string, file: string): TraceNode[] {
  return parseRows(text, file, NODE_COLUMNS, (row) => {
    const name = row.cell('sn');
    if (name === '') throw row.fail('sn', 'sn is empty');
    const gpus = row.int('gpu', 0, 64);
    const model = row.cell('model');
    if (gpus > 0 && model === '') {
      throw row.fail('model', `a node with ${gpus} GPUs needs a model`);
    }
    return { name, cpuMillis: row.int('cpu_milli', 0), memoryMiB: row.int('memory_mib', 0), gpus, model };
  });
}

export function parsePodList(text: string, file: string): TracePod[] {
  return parseRows(text, file, POD_COLUMNS, (row) => {
    const gpus = row.int('num_gpu', 0, 64);
    const gpuMilli = row.int('gpu_milli', 0, 1000);
    if (gpus === 0 && gpuMilli !== 0) {
      throw row.fail('gpu_milli', `gpu_milli must be 0 when num_gpu is 0, got ${gpuMilli}`);
    }
    if (gpus > 0 && gpuMilli === 0) {
      throw row.fail('gpu_milli', 'gpu_milli must be above 0 when num_gpu is above 0');
    }
    if (gpus > 1 && gpuMilli < 1000) {
      throw row.fail('gpu_milli', `a pod on ${gpus} GPUs must take them whole (gpu_milli 1000), got ${gpuMilli}`);
    }
    const optionalTime = (name: 'creation_time' | 'deletion_time' | 'scheduled_time') =>
      row.cell(name) === '' ? null : row.int(name, 0);
    const spec = row.cell('gpu_spec');
    return {
      name: row.cell('name'),
      cpuMillis: row.int('cpu_milli', 0),
      memoryMiB: row.int('memory_mib', 0),
      gpus,
      gpuMilli,
      gpuSpec: spec === '' ? [] : spec.split('|'),
      qos: row.cell('qos'),
      phase: row.cell('pod_phase'),
      creationTime: optionalTime('creation_time'),
      deletionTime: optionalTime('deletion_time'),
      scheduledTime: optionalTime('scheduled_time'),
    };
  });
}
