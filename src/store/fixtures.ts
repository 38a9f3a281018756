/** Builders of complete, realistic records for Store tests. Every field is set; nothing is undefined. */
import type { CompiledJobSpec } from '../spec/types.js';
import type { JobRecord, TaskRecord } from './types.js';

const EPOCH = Date.UTC(2025, 0, 1);

/** A fixed instant `seconds` after 2025-01-01T00:00:00Z, as ISO-8601 text. */
export function isoAt(seconds: number): string {
  return new Date(EPOCH + seconds * 1000).toISOString();
}

export function specFixture(overrides: Partial<CompiledJobSpec> = {}): CompiledJobSpec {
  return {
    apiVersion: 'junction/v1',
    kind: 'Job',
    name: 'train-llm',
    labels: { team: 'vision', 'junction.dev/owner': 'ada' },
    queue: 'default',
    priority: 'high',
    workload: {
      framework: { name: 'pytorch', version: '2.4' },
      precision: ['bf16', 'fp32'],
      image: { cuda: 'registry.example/train:cuda12', rocm: 'registry.example/train:rocm6' },
      command: ['python', 'train.py', '--epochs', '3'],
      env: { SEED: '7', NOTE: 'quotes " and \\ backslashes, ünïcödé' },
      workingDir: '/workspace',
      estimate: { referenceSeconds: 36000, referenceModel: 'nvidia-a100-80gb' },
      class: 'training',
      compat: 'permissive',
    },
    resources: {
      replicas: 2,
      perReplica: {
        cpuMillis: 8000,
        memoryMiB: 65536,
        accelerators: {
          kind: 'share',
          count: 1,
          share: { memoryMiB: 20480, computePercent: 50 },
          minMemoryMiB: 40960,
          vendors: ['nvidia', 'hygon'],
          models: [],
          topology: 'same-domain',
        },
      },
    },
    placement: {
      objective: 'cost',
      maxPricePerHour: 12.5,
      deadline: isoAt(86400),
      sites: ['emu-hygon'],
      nodes: ['emu-hygon/node-1'],
      regions: ['cn-east'],
      data: { dataset: 'imagenet', sizeMiB: 153600 },
    },
    runtime: { maxDurationSeconds: 3600, retries: 2, preemptible: true, gracePeriodSeconds: 30 },
    ...overrides,
  };
}

let nextJob = 0;

export function jobFixture(overrides: Partial<JobRecord> = {}): JobRecord {
  nextJob += 1;
  const id = overrides.id ?? `job-${String(nextJob).padStart(5, '0')}`;
  return {
    id,
    tenant: 'acme',
    name: 'train-llm',
    queue: 'default',
    spec: specFixture(),
    source: 'apiVersion: junction/v1\nkind: Job\nname: train-llm\n',
    phase: 'Running',
    reason: 'Scheduled',
    message: 'placed on 2 nodes',
    attempt: 1,
    placement: [
      {
        replica: 0,
        site: 'emu-hygon',
        node: 'emu-hygon/node-0',
        cpuMillis: 8000,
        memoryMiB: 65536,
        vendor: 'hygon',
        model: 'hygon-dcu-k100_ai',
        devices: [{ index: 3, memoryMiB: 20480, computePercent: 50, whole: false }],
      },
      {
        replica: 1,
        site: 'emu-hygon',
        node: 'emu-hygon/node-1',
        cpuMillis: 8000,
        memoryMiB: 65536,
        vendor: null,
        model: null,
        devices: [],
      },
    ],
    exitCode: null,
    cancelRequested: false,
    createdAt: isoAt(0),
    updatedAt: isoAt(5),
    startedAt: isoAt(3),
    finishedAt: null,
    submittedBy: 'alice@acme',
    ...overrides,
  };
}

export function taskFixture(job: JobRecord, overrides: Partial<TaskRecord> = {}): TaskRecord {
  const replica = overrides.replica ?? 0;
  const attempt = overrides.attempt ?? job.attempt;
  const id = overrides.id ?? `${job.id}-r${replica}-a${attempt}`;
  return {
    id,
    jobId: job.id,
    replica,
    attempt,
    site: 'emu-hygon',
    backend: 'emulated',
    node: `emu-hygon/node-${replica}`,
    state: 'running',
    handle: `pid:${4000 + replica}`,
    exitCode: null,
    message: null,
    spec: {
      taskId: id,
      jobId: job.id,
      replica,
      replicas: job.spec.resources.replicas,
      attempt,
      site: 'emu-hygon',
      node: `emu-hygon/node-${replica}`,
      command: job.spec.workload.command,
      env: job.spec.workload.env,
      workingDir: '/workspace',
      vendor: 'hygon',
      model: 'hygon-dcu-k100_ai',
      devices: [{ index: replica, memoryMiB: 20480, computePercent: 50, whole: false }],
      cpuMillis: 8000,
      memoryMiB: 65536,
      gracePeriodSeconds: 30,
      maxDurationSeconds: 3600,
    },
    createdAt: job.createdAt,
    startedAt: isoAt(4),
    finishedAt: null,
    price: {
      currency: 'USD',
      kind: 'on-demand',
      perDeviceHourMicros: 2_500_000,
      perCpuHourMicros: 20_000,
      perMemoryGiBHourMicros: 2_000,
    },
    ...overrides,
  };
}
