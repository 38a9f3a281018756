import { z } from 'zod';
import { JOB_SPEC_DEFAULTS as D } from './defaults.js';
import { documented } from './field-docs.js';
import {
  booleanField,
  commandField,
  computeShareField,
  cpuField,
  dateTimeField,
  dnsLabelField,
  durationField,
  enumField,
  envField,
  intField,
  labelsField,
  memoryField,
  nameListField,
  numberField,
  quoteHint,
  textField,
} from './schema-fields.js';
import { PRIORITIES } from './types.js';

/**
 * The job document as users write it (YAML or JSON), version junction/v1. Every object
 * is strict: an unknown key is an error, never silently ignored. Quantities are parsed
 * here into base units; defaults are NOT applied here but once, in compileJobSpec.
 */

export const API_VERSION = 'junction/v1';
export const PRECISIONS = ['fp64', 'fp32', 'tf32', 'fp16', 'bf16', 'fp8', 'int8', 'int4'] as const;
export const TOPOLOGIES = ['same-node', 'same-domain', 'any'] as const;
export const OBJECTIVES = ['cost', 'time'] as const;
export const COMPAT_MODES = ['strict', 'permissive'] as const;
export const WORKLOAD_CLASSES = ['training', 'inference'] as const;

/** Placeholder a custom issue message may use for the dotted path of the object it is on. */
export const HERE = '{here}';

const framework = documented(
  z.strictObject({
    name: textField('Framework name, e.g. pytorch.'),
    version: documented(
      z.string().min(1),
      { accepts: 'a version or version range as a string, e.g. ">=2.1"', hint: quoteHint },
      `Version or range; default "${D.frameworkVersion}" (any).`,
    ).optional(),
  }),
  { accepts: 'a map with name and version, e.g. {name: pytorch, version: ">=2.1"}' },
);

const image = documented(
  z.union([
    z.literal('auto'),
    z.record(
      z.string().min(1),
      documented(z.string().min(1), { accepts: 'an image reference, e.g. registry/train:cu124', hint: quoteHint }),
    ),
  ]),
  {
    accepts: '"auto" or a map from software stack or vendor to image, e.g. {cuda: registry/train:cu124}',
    hint: (v) => (typeof v === 'string' ? `use auto, or a map such as {cuda: ${v}}` : undefined),
  },
  'Container image: "auto" lets the adaptation center choose; or a map stack-or-vendor → image. Default auto.',
);

const workload = documented(
  z.strictObject({
    framework: framework.optional(),
    estimate: documented(
      z.strictObject({
        duration: durationField('How long the work takes on the reference device, e.g. 10h.', { allowZero: false }),
        on: textField('The reference device model, e.g. A100 or nvidia-a100-80gb.').optional(),
      }),
      { accepts: 'a map with duration and optionally on, e.g. {duration: 10h, on: A100}' },
      'Work estimate, for predicted duration and cost per site: a duration on a reference device (default A100 80GB).',
    ).optional(),
    precision: documented(
      z.array(enumField(PRECISIONS, 'A numeric precision.')),
      { accepts: `a list of precisions from: ${PRECISIONS.join(', ')}` },
      'Precisions the device must support, e.g. [bf16]. Default [].',
    ).optional(),
    image: image.optional(),
    command: commandField('Program and arguments, e.g. [python, train.py]. Never a shell string.'),
    env: envField('Environment variables; values are strings. Default {}.').optional(),
    workingDir: documented(
      z.string().startsWith('/'),
      { accepts: 'an absolute path, e.g. /work', hint: quoteHint },
      'Working directory of the command.',
    ).optional(),
    class: enumField(
      WORKLOAD_CLASSES,
      'training (default): compute-bound, predicted from peak matrix FLOPS; inference: memory-bound, from memory bandwidth.',
    ).optional(),
    compat: enumField(
      COMPAT_MODES,
      'strict (default): run only where the adaptation center has evidence that the stack works; permissive: also where nothing is known.',
    ).optional(),
  }),
  { accepts: 'a map with command and optionally framework, precision, image, env, workingDir, class and compat' },
);

const share = z.strictObject({
  memory: memoryField('Device memory of the slice, e.g. 12Gi.', { allowZero: false }),
  compute: computeShareField('Compute of the slice in percent of one device, 1 to 100, e.g. 30 or "30%".'),
});

const accelerators = z
  .strictObject({
    count: intField(
      1,
      64,
      `Whole devices per replica; default ${D.acceleratorCount}. Exclusive with share.`,
    ).optional(),
    share: documented(share, { accepts: 'a map with memory and compute, e.g. {memory: 12Gi, compute: 30}' }).optional(),
    minMemory: memoryField('Minimum memory of a device to qualify, e.g. 64Gi.', { allowZero: true }).optional(),
    vendors: nameListField('vendor', 'Vendors in order of preference, or [any]. Default [any].').optional(),
    models: nameListField('model', 'Accelerator models in order of preference; a non-empty list restricts.').optional(),
    topology: enumField(TOPOLOGIES, `Where the replicas' devices must sit. Default ${D.topology}.`).optional(),
  })
  .refine((a) => a.count === undefined || a.share === undefined, {
    // Checked even when a field inside is wrong, so both mistakes are reported at once.
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
    message: `\`${HERE}.count\` and \`${HERE}.share\` are mutually exclusive`,
    params: { hint: 'ask for whole devices with count, or for a slice of one device with share, not both' },
  });

const perReplica = z.strictObject({
  cpu: cpuField(`CPU per replica: cores (8, 0.5) or millicores ("500m"). Default ${D.cpuMillis / 1000}.`).optional(),
  memory: memoryField(`Memory per replica, e.g. 64Gi. Default ${D.memoryMiB / 1024}Gi.`, {
    allowZero: false,
  }).optional(),
  accelerators: documented(accelerators, {
    accepts: 'a map with count or share, and optionally minMemory, vendors, models and topology',
  }).optional(),
});

const resources = documented(
  z.strictObject({
    replicas: intField(1, 1024, `Gang size: all replicas start together or none. Default ${D.replicas}.`).optional(),
    perReplica: documented(perReplica, { accepts: 'a map with cpu, memory and accelerators' }).optional(),
  }),
  { accepts: 'a map with replicas and perReplica' },
);

const placement = documented(
  z.strictObject({
    objective: enumField(OBJECTIVES, `What to optimize when choosing a site. Default ${D.objective}.`).optional(),
    maxPricePerHour: numberField(0, 'Highest acceptable price per hour for the whole job.').optional(),
    deadline: dateTimeField('When the job must have finished, as an ISO-8601 date-time.').optional(),
    sites: nameListField('site', 'Sites allowed, or [any]. Default [any].').optional(),
    nodes: nameListField(
      'node',
      'Nodes allowed (full names such as east-dcu/node-0), or [any]. Default [any].',
    ).optional(),
    regions: nameListField('region', 'Regions allowed, or [any]. Default [any].').optional(),
    data: documented(
      z.strictObject({
        dataset: textField('Name of the dataset the job reads, as sites list it.'),
        size: memoryField('Size of the dataset, e.g. 200Gi (for transfer time and cost).', { allowZero: true }),
      }),
      { accepts: 'a map with dataset and size, e.g. {dataset: imagenet, size: 150Gi}' },
    ).optional(),
  }),
  { accepts: 'a map with objective, maxPricePerHour, deadline, sites, nodes, regions and data' },
);

const runtime = documented(
  z.strictObject({
    maxDuration: durationField('Longest a run may take, e.g. 4h.', { allowZero: false }).optional(),
    retries: intField(0, 100, `Times a failed run is retried. Default ${D.retries}.`).optional(),
    preemptible: booleanField(`Whether higher-priority work may evict this job. Default ${D.preemptible}.`).optional(),
    gracePeriod: durationField(`Time between SIGTERM and SIGKILL. Default ${D.gracePeriodSeconds}s.`, {
      allowZero: true,
    }).optional(),
  }),
  { accepts: 'a map with maxDuration, retries, preemptible and gracePeriod' },
);

const spec = documented(
  z.strictObject({
    queue: dnsLabelField(`Queue to submit to. Default ${D.queue}.`).optional(),
    priority: enumField(PRIORITIES, `Priority class. Default ${D.priority}.`).optional(),
    workload,
    resources: resources.optional(),
    placement: placement.optional(),
    runtime: runtime.optional(),
  }),
  { accepts: 'a map with workload and optionally queue, priority, resources, placement and runtime' },
);

const metadata = documented(
  z.strictObject({
    name: dnsLabelField('Job name, a DNS label such as finetune-7b.'),
    labels: labelsField('Labels for selection and accounting, e.g. {team: nlp}.').optional(),
  }),
  { accepts: 'a map with name and optionally labels, e.g. {name: finetune-7b}' },
);

export const jobSpecDocumentSchema = documented(
  z.strictObject({
    apiVersion: documented(z.literal(API_VERSION), {
      accepts: API_VERSION,
      hint: () => `this version of Junction reads apiVersion: ${API_VERSION}`,
    }),
    kind: documented(z.literal('Job'), {
      accepts: 'Job',
      hint: (v) => (typeof v === 'string' && v.toLowerCase() === 'job' ? 'write it as Job' : undefined),
    }),
    metadata,
    spec,
  }),
  { accepts: 'a job document: a map with apiVersion, kind, metadata and spec' },
  'A Junction job: what to run, on what resources, where and for how long.',
);

/** The document as written (quantities as strings or numbers). */
export type JobSpecDocument = z.input<typeof jobSpecDocumentSchema>;
/** The document after validation: quantities in base units, no defaults yet. */
export type ValidatedJobSpecDocument = z.output<typeof jobSpecDocumentSchema>;
