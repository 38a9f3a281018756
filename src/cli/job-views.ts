/**
 * How jobs, their events and explanations read for people. Pure: data and the time in, text out.
 */
import type { ReplicaPlacement } from '../cluster/types.js';
import type { EventView, Explanation, JobView } from '../server/api-types.js';
import type { AcceleratorRequest } from '../spec/types.js';
import { formatAge, formatCpu, formatMiB, oneLine, renderTable, truncate } from './format.js';

const REASON_WIDTH = 40;
const NODES_WIDTH = 30;

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** What the job runs on: `vendor/model` of its placement, `cpu` for CPU-only, `-` before placement. */
export function placedOn(placement: ReplicaPlacement[] | null): string {
  if (!placement || placement.length === 0) return '-';
  const kinds = unique(placement.map((p) => (p.vendor && p.model ? `${p.vendor}/${p.model}` : (p.vendor ?? 'cpu'))));
  return kinds.join(',');
}

export function placedNodes(placement: ReplicaPlacement[] | null): string {
  if (!placement || placement.length === 0) return '-';
  return unique(placement.map((p) => p.node)).join(',');
}

function reasonText(job: JobView): string {
  const { reason, message } = job.status;
  const parts = [reason, oneLine(message)].filter((part): part is string => Boolean(part));
  return parts.join(': ');
}

export interface JobTableOptions {
  wide: boolean;
  color: boolean;
}

export function jobsTable(jobs: JobView[], now: Date, options: JobTableOptions): string {
  const head = ['ID', 'NAME', 'QUEUE', 'PHASE', 'VENDOR/MODEL', 'NODES', 'AGE', 'REASON'];
  if (options.wide) head.splice(3, 0, 'PRIORITY', 'REPLICAS', 'ATTEMPT');
  const rows = jobs.map((job) => {
    const nodes = placedNodes(job.status.placement);
    const reason = reasonText(job);
    const row = [
      job.id,
      job.metadata.name,
      job.spec.queue,
      job.status.phase,
      placedOn(job.status.placement),
      options.wide ? nodes : truncate(nodes, NODES_WIDTH),
      formatAge(job.metadata.createdAt, now),
      options.wide ? reason : truncate(reason, REASON_WIDTH),
    ];
    if (options.wide) {
      const attempts = `${job.status.attempt}/${job.spec.runtime.retries + 1}`;
      row.splice(3, 0, job.spec.priority, String(job.spec.resources.replicas), attempts);
    }
    return row;
  });
  return renderTable(head, rows, { color: options.color });
}

/** "4× whole device (nvidia, hygon; ≥64Gi; same-domain)", "share 12Gi + 30% of one device", "none". */
export function describeAccelerators(request: AcceleratorRequest): string {
  if (request.kind === 'none') return 'none';
  const what =
    request.kind === 'share' && request.share
      ? `share ${formatMiB(request.share.memoryMiB)} + ${request.share.computePercent}% of one device`
      : `${request.count}× whole device`;
  const constraints = [
    request.vendors.length > 0 ? request.vendors.join(', ') : 'any vendor',
    ...(request.models.length > 0 ? [`models ${request.models.join(', ')}`] : []),
    ...(request.minMemoryMiB > 0 ? [`≥${formatMiB(request.minMemoryMiB)}`] : []),
    request.topology,
  ];
  return `${what} (${constraints.join('; ')})`;
}

export function placementLines(placement: ReplicaPlacement[] | null): string[] {
  if (!placement || placement.length === 0) return [];
  return placement.map((p) => {
    const devices = p.devices
      .map((d) => (d.whole ? `#${d.index}` : `#${d.index} (${formatMiB(d.memoryMiB)}, ${d.computePercent}%)`))
      .join(' ');
    const on = p.model ? `${p.model}${devices ? ` ${devices}` : ''}` : 'cpu only';
    return `replica ${p.replica} → ${p.site} ${p.node}: ${on}; ${formatCpu(p.cpuMillis)} cpu, ${formatMiB(p.memoryMiB)}`;
  });
}

function field(label: string, value: string): string {
  return `${`${label}:`.padEnd(12)}${value}`;
}

function when(at: string | null, now: Date): string {
  return at ? `${at} (${formatAge(at, now)} ago)` : '-';
}

/** The default view of `junction get`. */
export function jobSummary(job: JobView, now: Date): string {
  const { spec, status } = job;
  const per = spec.resources.perReplica;
  const labels = Object.entries(job.metadata.labels).map(([k, v]) => `${k}=${v}`);
  const lines = [
    field('ID', job.id),
    field('Name', job.metadata.name),
    field('Tenant', job.metadata.tenant),
    field('Queue', `${spec.queue} (priority ${spec.priority})`),
    ...(labels.length > 0 ? [field('Labels', labels.join(', '))] : []),
    field('Phase', status.reason ? `${status.phase} (${status.reason})` : status.phase),
    ...(status.message ? [field('Message', status.message)] : []),
    field('Attempt', `${status.attempt} of ${spec.runtime.retries + 1}`),
    ...(status.exitCode !== null ? [field('Exit code', String(status.exitCode))] : []),
    field('Created', when(job.metadata.createdAt, now)),
    field('Started', when(status.startedAt, now)),
    field('Finished', when(status.finishedAt, now)),
    field('Command', spec.workload.command.join(' ') || '-'),
    field(
      'Resources',
      `${spec.resources.replicas} replica(s) × ${formatCpu(per.cpuMillis)} cpu, ${formatMiB(per.memoryMiB)} memory`,
    ),
    field('Devices', describeAccelerators(per.accelerators)),
  ];
  const placement = placementLines(status.placement);
  if (placement.length > 0) lines.push('Placement:', ...placement.map((line) => `  ${line}`));
  if (status.tasks.length > 0) {
    const rows = status.tasks.map((t) => [
      String(t.replica),
      String(t.attempt),
      t.site,
      t.node,
      t.state,
      t.exitCode === null ? '-' : String(t.exitCode),
      truncate(oneLine(t.message), REASON_WIDTH),
    ]);
    const table = renderTable(['REPLICA', 'ATTEMPT', 'SITE', 'NODE', 'STATE', 'EXIT', 'MESSAGE'], rows, {
      color: false,
    });
    lines.push(
      'Tasks:',
      ...table
        .trimEnd()
        .split('\n')
        .map((line) => `  ${line}`),
    );
  }
  return `${lines.join('\n')}\n`;
}

export function eventLine(event: EventView): string {
  return `${event.at}  ${event.type.padEnd(16)} ${event.message}`;
}

/** The default view of `junction explain`. */
export function explanationText(explanation: Explanation): string {
  const lines = [explanation.summary];
  lines.push(...explanation.details.map((detail) => `  - ${detail}`));
  const placement = placementLines(explanation.placement);
  if (placement.length > 0) lines.push('Placement:', ...placement.map((line) => `  ${line}`));
  return `${lines.join('\n')}\n`;
}
