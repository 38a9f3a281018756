/**
 * Runs a conformance probe on one node as an ordinary job (pinned to that node, visible in `ls`,
 * logged and accounted like any other), reads its JUNCTION_PROBE_RESULT line, and records the
 * outcome as evidence in the knowledge base: a pass turns `unknown` into `verified`, a failure
 * marks `fails` and keeps the output.
 */
import { join } from 'node:path';
import { recordEvidence } from '../compat/knowledge-base.js';
import type { Capability, Evidence, KnowledgeBase, Verdict, VerdictKey } from '../compat/types.js';
import { CAPABILITIES } from '../compat/types.js';
import type { CompiledJobSpec } from '../spec/types.js';
import { TERMINAL_JOB_PHASES } from '../store/types.js';
import { getVendor } from '../vendors/registry.js';
import type { CompatService } from './compat-service.js';
import type { Controller } from './controller.js';
import { jobLogs } from './job-logs.js';

export const PROBES = ['cpu', 'torch'] as const;
export type ProbeName = (typeof PROBES)[number];

export interface ProbeRequest {
  site: string;
  node: string;
  probe?: ProbeName;
  /** Force one check to fail (the probe's JUNCTION_PROBE_FAIL), to exercise the failure path. */
  failCheck?: string;
  timeoutSeconds?: number;
}

export interface ProbeOutcome {
  jobId: string;
  probe: ProbeName;
  outcome: 'pass' | 'fail';
  key: VerdictKey;
  evidence: Evidence;
  verdict: Verdict | undefined;
  revision: number;
}

export class ProbeError extends Error {
  constructor(
    readonly status: 400 | 404 | 504,
    message: string,
  ) {
    super(message);
    this.name = 'ProbeError';
  }
}

interface ProbeResultLine {
  probe: string;
  ok: boolean;
  capabilities?: Record<string, boolean>;
  framework?: { name: string; version: string };
  stack?: Record<string, string | null>;
  measured?: { metric: string; value: number; unit: string };
}

const PROBES_DIR = join(import.meta.dirname, '..', '..', 'probes');
const RESULT_MARK = 'JUNCTION_PROBE_RESULT ';

export async function runProbe(
  controller: Controller,
  compat: CompatService,
  request: ProbeRequest,
): Promise<ProbeOutcome> {
  const node = controller.cluster.node(request.node);
  if (!node || node.info.site !== request.site) {
    throw new ProbeError(404, `no node ${request.node} in site ${request.site}; see GET /api/v1/nodes`);
  }
  const device = node.devices[0]?.info;
  const probe: ProbeName = request.probe ?? (device ? 'torch' : 'cpu');
  if (probe === 'torch' && !device)
    throw new ProbeError(400, `probe torch needs an accelerator; ${request.node} has none (use probe cpu)`);
  const spec = probeSpec(
    probe,
    request,
    device ? { vendor: device.vendor, count: Math.min(2, node.devices.length) } : undefined,
  );
  const job = await controller.submit(spec, `# probe ${probe} on ${request.node}\n`, 'default');
  const finished = await waitForEnd(controller, job.id, (request.timeoutSeconds ?? 600) * 1000);
  if (!finished) {
    await controller.cancel(job.id);
    throw new ProbeError(504, `probe ${job.id} did not finish in time; it was cancelled`);
  }
  let output = '';
  for await (const chunk of jobLogs(controller, job.id, 0, false, new AbortController().signal)) output += chunk;
  const line = output.split('\n').find((l) => l.startsWith(RESULT_MARK));
  const result = line ? (JSON.parse(line.slice(RESULT_MARK.length)) as ProbeResultLine) : undefined;
  const passed = finished === 'Succeeded' && result?.ok === true;
  const key: VerdictKey =
    probe === 'cpu' || !device
      ? { model: 'cpu', stack: 'cpu', stackVersion: '*', framework: 'junction-cpu-probe', frameworkVersion: '1' }
      : {
          model: device.model,
          stack: getVendor(device.vendor)?.stack ?? device.vendor,
          stackVersion: result?.stack?.cuda ?? result?.stack?.hip ?? '*',
          framework: result?.framework?.name ?? 'pytorch',
          frameworkVersion: result?.framework?.version ?? '*',
        };
  const evidence: Evidence = {
    kind: 'probe',
    title: `${probe} probe (job ${job.id})`,
    date: controller.now().slice(0, 10),
    node: request.node,
    site: request.site,
    ...(result?.measured && { measured: result.measured }),
    ...(!passed && { output: output.slice(-4000) || `the probe printed nothing (job ${finished})` }),
  };
  const exercised = Object.entries(result?.capabilities ?? {})
    .filter(([cap, ok]) => (CAPABILITIES as readonly string[]).includes(cap) && ok === passed)
    .map(([cap]) => cap as Capability);
  const next: KnowledgeBase = recordEvidence(compat.kb, key, evidence, passed ? 'pass' : 'fail', exercised);
  const stored = await compat.replace(next, {
    type: 'EvidenceRecorded',
    message: `${probe} probe on ${request.node}: ${passed ? 'pass' : 'fail'}`,
    data: { job: job.id, key },
  });
  const verdict = stored.verdicts.find(
    (v) =>
      v.model === key.model &&
      v.stack === key.stack &&
      v.stackVersion === key.stackVersion &&
      v.framework === key.framework &&
      v.frameworkVersion === key.frameworkVersion,
  );
  return { jobId: job.id, probe, outcome: passed ? 'pass' : 'fail', key, evidence, verdict, revision: stored.revision };
}

function probeSpec(
  probe: ProbeName,
  request: ProbeRequest,
  devices?: { vendor: string; count: number },
): CompiledJobSpec {
  const command =
    probe === 'cpu'
      ? [process.execPath, join(PROBES_DIR, 'cpu-probe.mjs')]
      : ['python3', join(PROBES_DIR, 'torch-probe.py')];
  return {
    apiVersion: 'junction/v1',
    kind: 'Job',
    name: `probe-${probe}`,
    labels: { 'junction.io/probe': probe },
    queue: 'default',
    priority: 'high',
    workload: {
      precision: [],
      image: 'auto',
      command,
      env: request.failCheck ? { JUNCTION_PROBE_FAIL: request.failCheck } : {},
      class: 'training',
      compat: 'permissive',
    },
    resources: {
      replicas: 1,
      perReplica: {
        cpuMillis: 500,
        memoryMiB: 512,
        accelerators: devices
          ? {
              kind: 'whole',
              count: devices.count,
              minMemoryMiB: 0,
              vendors: [devices.vendor],
              models: [],
              topology: 'any',
            }
          : { kind: 'none', count: 0, minMemoryMiB: 0, vendors: [], models: [], topology: 'any' },
      },
    },
    placement: { objective: 'time', sites: [request.site], nodes: [request.node], regions: [] },
    runtime: {
      maxDurationSeconds: request.timeoutSeconds ?? 600,
      retries: 0,
      preemptible: false,
      gracePeriodSeconds: 5,
    },
  };
}

/** Resolves with the final phase, or undefined when the time runs out. */
function waitForEnd(controller: Controller, jobId: string, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const done = (phase: string | undefined) => {
      clearTimeout(timer);
      controller.changes.off('job', onJob);
      resolve(phase);
    };
    const onJob = (job: { id: string; phase: string }) => {
      if (job.id === jobId && TERMINAL_JOB_PHASES.has(job.phase as never)) done(job.phase);
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    controller.changes.on('job', onJob);
    // It may have ended before the listener was attached.
    if (!controller.active.has(jobId)) {
      void controller.store.getJob(jobId).then((job) => {
        if (job && TERMINAL_JOB_PHASES.has(job.phase)) done(job.phase);
      });
    }
  });
}
