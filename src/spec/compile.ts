import type { SpecContext } from './context.js';
import { JOB_SPEC_DEFAULTS as D } from './defaults.js';
import { specIssuesFromZod } from './issues.js';
import { jobNameLists, resolveNameList } from './resolve-names.js';
import { jobSpecDocumentSchema, type ValidatedJobSpecDocument } from './schema.js';
import { didYouMean } from './suggest.js';
import type { AcceleratorRequest, CompiledJobSpec, SpecIssue, SpecResult } from './types.js';

type Accelerators = NonNullable<
  NonNullable<NonNullable<ValidatedJobSpecDocument['spec']['resources']>['perReplica']>['accelerators']
>;

interface ResolvedNames {
  vendors: string[];
  models: string[];
  sites: string[];
  nodes: string[];
  /** The estimate's reference model, resolved to a catalog id. */
  estimateModel?: string;
}

/**
 * Validates a job document (already parsed from YAML or JSON), resolves vendor and model
 * names through `ctx`, and applies every default exactly once. On failure it returns all
 * the issues found, not just the first. Pure: no I/O, no clock.
 */
export function compileJobSpec(doc: unknown, ctx: SpecContext): SpecResult {
  const parsed = jobSpecDocumentSchema.safeParse(doc);
  const lists = jobNameLists(ctx);
  const vendors = resolveNameList(doc, lists.vendors);
  const models = resolveNameList(doc, lists.models);
  const sites = resolveNameList(doc, lists.sites);
  const nodes = resolveNameList(doc, lists.nodes);
  const estimate = resolveEstimateModel(doc, ctx);
  const issues: SpecIssue[] = [
    ...(parsed.success ? [] : specIssuesFromZod(parsed.error.issues, jobSpecDocumentSchema, doc)),
    ...vendors.issues,
    ...models.issues,
    ...sites.issues,
    ...nodes.issues,
    ...estimate.issues,
  ];
  if (!parsed.success || issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    spec: build(parsed.data, {
      vendors: vendors.names,
      models: models.names,
      sites: sites.names,
      nodes: nodes.names,
      ...(estimate.model !== undefined && { estimateModel: estimate.model }),
    }),
  };
}

/** `spec.workload.estimate.on`: a model name resolved to its catalog id, with a suggestion when unknown. */
function resolveEstimateModel(doc: unknown, ctx: SpecContext): { model?: string; issues: SpecIssue[] } {
  const on = (doc as { spec?: { workload?: { estimate?: { on?: unknown } } } } | null)?.spec?.workload?.estimate?.on;
  if (typeof on !== 'string') return { issues: [] };
  const model = ctx.resolveModel(on);
  if (model) return { model, issues: [] };
  const close = didYouMean(on, ctx.modelNames());
  return {
    issues: [
      {
        path: 'spec.workload.estimate.on',
        message: `unknown device model "${on}"`,
        value: on,
        hint: close ?? 'use a catalog model name such as A100 or H100',
      },
    ],
  };
}

function build(doc: ValidatedJobSpecDocument, names: ResolvedNames): CompiledJobSpec {
  const { workload, resources, placement, runtime } = doc.spec;
  const perReplica = resources?.perReplica;
  const framework = workload.framework;
  return {
    apiVersion: doc.apiVersion,
    kind: doc.kind,
    name: doc.metadata.name,
    labels: { ...doc.metadata.labels },
    queue: doc.spec.queue ?? D.queue,
    priority: doc.spec.priority ?? D.priority,
    workload: {
      ...(framework && { framework: { name: framework.name, version: framework.version ?? D.frameworkVersion } }),
      precision: [...new Set(workload.precision ?? [])],
      image: workload.image === undefined || workload.image === 'auto' ? D.image : { ...workload.image },
      command: [...workload.command],
      env: { ...workload.env },
      ...(workload.workingDir !== undefined && { workingDir: workload.workingDir }),
      ...(workload.estimate !== undefined && {
        estimate: {
          referenceSeconds: workload.estimate.duration,
          referenceModel: names.estimateModel ?? D.referenceModel,
        },
      }),
      class: workload.class ?? D.workloadClass,
      compat: workload.compat ?? D.compat,
    },
    resources: {
      replicas: resources?.replicas ?? D.replicas,
      perReplica: {
        cpuMillis: perReplica?.cpu ?? D.cpuMillis,
        memoryMiB: perReplica?.memory ?? D.memoryMiB,
        accelerators: accelerators(perReplica?.accelerators, names),
      },
    },
    placement: {
      objective: placement?.objective ?? D.objective,
      ...(placement?.maxPricePerHour !== undefined && { maxPricePerHour: placement.maxPricePerHour }),
      ...(placement?.deadline !== undefined && { deadline: new Date(placement.deadline).toISOString() }),
      sites: names.sites,
      nodes: names.nodes,
      regions: (placement?.regions ?? []).filter((r) => r !== 'any'),
      ...(placement?.data !== undefined && { data: { dataset: placement.data.dataset, sizeMiB: placement.data.size } }),
    },
    runtime: {
      ...(runtime?.maxDuration !== undefined && { maxDurationSeconds: runtime.maxDuration }),
      retries: runtime?.retries ?? D.retries,
      preemptible: runtime?.preemptible ?? D.preemptible,
      gracePeriodSeconds: runtime?.gracePeriod ?? D.gracePeriodSeconds,
    },
  };
}

function accelerators(a: Accelerators | undefined, names: ResolvedNames): AcceleratorRequest {
  const common = {
    minMemoryMiB: a?.minMemory ?? 0,
    vendors: names.vendors,
    models: names.models,
    topology: a?.topology ?? D.topology,
  };
  if (a === undefined) return { kind: 'none', count: 0, ...common };
  if (a.share !== undefined) {
    return {
      kind: 'share',
      count: 1,
      share: { memoryMiB: a.share.memory, computePercent: a.share.compute },
      ...common,
    };
  }
  return { kind: 'whole', count: a.count ?? D.acceleratorCount, ...common };
}
