/**
 * How nodes, sites and queues read for people. Pure.
 */
import type { DeviceView, NodeView, QueueList, SiteList } from '../server/api-types.js';
import { formatCpu, formatMiB, renderTable } from './format.js';

/** Device models with counts, most common first: "8× hygon-dcu-k100_ai", or "-" for none. */
export function deviceSummary(devices: DeviceView[]): string {
  if (devices.length === 0) return '-';
  const counts = new Map<string, number>();
  for (const device of devices) counts.set(device.model, (counts.get(device.model) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([model, count]) => `${count}× ${model}`)
    .join(', ');
}

/** A device counts as allocated when any part of it (memory or compute) is held. */
export function allocatedDevices(devices: DeviceView[]): number {
  return devices.filter((d) => d.allocatedMemoryMiB > 0 || d.allocatedComputePercent > 0 || d.jobs.length > 0).length;
}

function nodeState(node: NodeView): string {
  const unhealthy = node.devices.filter((d) => !d.healthy).length;
  const state = node.schedulable ? 'Ready' : 'Cordoned';
  return unhealthy > 0 ? `${state} (${unhealthy} unhealthy)` : state;
}

/** `emulatedSites` marks nodes whose site is declared in config rather than real hardware. */
export function nodesTable(nodes: NodeView[], emulatedSites: ReadonlySet<string>, color: boolean): string {
  const rows = nodes.map((node) => [
    node.name,
    emulatedSites.has(node.site) ? `${node.site} (emulated)` : node.site,
    deviceSummary(node.devices),
    node.devices.length > 0 ? `${allocatedDevices(node.devices)}/${node.devices.length}` : '-',
    `${formatCpu(node.allocatedCpuMillis)}/${formatCpu(node.cpuMillis)}`,
    `${formatMiB(node.allocatedMemoryMiB)}/${formatMiB(node.memoryMiB)}`,
    nodeState(node),
  ]);
  return renderTable(['NAME', 'SITE', 'DEVICES', 'ALLOCATED', 'CPU', 'MEMORY', 'STATE'], rows, { color });
}

export function sitesTable(sites: SiteList['items'], color: boolean): string {
  const rows = sites.map((site) => [
    site.name,
    site.backend,
    site.region,
    String(site.nodes),
    String(site.devices),
    site.emulated ? 'yes' : 'no',
    site.description ?? '',
  ]);
  return renderTable(['NAME', 'BACKEND', 'REGION', 'NODES', 'DEVICES', 'EMULATED', 'DESCRIPTION'], rows, { color });
}

export function queuesTable(queues: QueueList['items'], color: boolean): string {
  const rows = queues.map((queue) => [queue.name, String(queue.pending), String(queue.running)]);
  return renderTable(['NAME', 'PENDING', 'RUNNING'], rows, { color });
}
