/**
 * Hand-built wire objects for CLI tests.
 */

import type { DeviceView, JobView, NodeView } from '../../server/api-types.js';
import { compiledSpec } from '../../spec/testing.js';
import type { JobPhase } from '../../store/types.js';

export interface JobFixture {
  id?: string;
  name?: string;
  phase?: JobPhase;
  attempt?: number;
  exitCode?: number | null;
  reason?: string | null;
  message?: string | null;
  createdAt?: string;
  retries?: number;
  placement?: JobView['status']['placement'];
}

export function jobView(fixture: JobFixture = {}): JobView {
  return {
    id: fixture.id ?? 'job-1',
    metadata: {
      name: fixture.name ?? 'train',
      labels: {},
      tenant: 'default',
      queue: 'default',
      user: 'admin',
      createdAt: fixture.createdAt ?? '2025-12-31T23:55:00Z',
    },
    spec: compiledSpec({
      name: fixture.name ?? 'train',
      queue: 'research',
      workload: { command: ['python', 'train.py'] },
      perReplica: {
        cpuMillis: 4000,
        memoryMiB: 16384,
        accelerators: { kind: 'whole', count: 2, topology: 'same-node' },
      },
      runtime: { retries: fixture.retries ?? 0, gracePeriodSeconds: 30 },
    }),
    status: {
      phase: fixture.phase ?? 'Pending',
      reason: fixture.reason ?? null,
      message: fixture.message ?? null,
      attempt: fixture.attempt ?? 0,
      exitCode: fixture.exitCode ?? null,
      startedAt: null,
      finishedAt: null,
      placement: fixture.placement ?? null,
      tasks: [],
    },
  };
}

export function deviceView(index: number, model: string, allocated = false): DeviceView {
  return {
    index,
    vendor: model.split('-')[0] ?? model,
    model,
    memoryMiB: 65536,
    healthy: true,
    allocatedMemoryMiB: allocated ? 65536 : 0,
    allocatedComputePercent: allocated ? 100 : 0,
    jobs: allocated ? ['job-1'] : [],
  };
}

export function nodeView(name: string, site: string, devices: DeviceView[]): NodeView {
  return {
    name,
    site,
    domains: [site],
    cpuMillis: 64000,
    memoryMiB: 524288,
    allocatedCpuMillis: 8000,
    allocatedMemoryMiB: 65536,
    schedulable: true,
    labels: {},
    devices,
  };
}
