/**
 * TaskSpec → the Kubernetes objects that run it. Pure: no API calls, no clock.
 *
 * - One replica runs as a Pod (restartPolicy Never) or a batch/v1 Job of one pod (`workload`).
 * - A gang (replicas > 1) with `gang: 'volcano'` is one such object per replica plus a Volcano PodGroup with
 *   minMember = replicas that every pod names; with `gang: 'indexed-job'` it is one indexed Job whose completion
 *   index is the replica, created by whichever replica is submitted first.
 * - Devices become the vendor's resource names (src/vendors): whole devices through the vendor's device plugin,
 *   shares through HAMi's resources and selection annotations.
 */
import type { V1Affinity, V1Container, V1EnvVar, V1Job, V1ObjectMeta, V1Pod, V1PodSpec } from '@kubernetes/client-node';
import { allAdapters, getVendor } from '../../vendors/registry.js';
import type { KubernetesResources } from '../../vendors/types.js';
import type { TaskSpec } from '../types.js';
import {
  COMPLETION_INDEX,
  CONTAINER_NAME,
  gangName,
  LABEL,
  labelValue,
  MANAGED_BY,
  objectName,
  type TaskTarget,
  VOLCANO_GROUP,
} from './names.js';
import type { PodGroup } from './podgroup.js';

export type GangMode = 'volcano' | 'indexed-job';
export type WorkloadKind = 'pod' | 'job';

export interface ManifestOptions {
  /** Junction's site name: node names are `<site>/<Kubernetes node name>`. */
  site: string;
  namespace: string;
  gang: GangMode;
  workload: WorkloadKind;
  /** The image for tasks whose spec names none. */
  defaultImage?: string;
  /** Volcano queue for gangs; absent = Volcano's default queue. */
  volcanoQueue?: string;
}

export interface TaskObjects {
  target: TaskTarget;
  pod?: V1Pod;
  job?: V1Job;
  /** Shared by every replica of the gang attempt: creating it again is expected to conflict. */
  podGroup?: PodGroup;
}

/** A task that cannot be expressed on this cluster; the message names the task and the fix. */
export class ManifestError extends Error {
  override readonly name = 'ManifestError';
}

export function taskManifests(task: TaskSpec, options: ManifestOptions): TaskObjects {
  const gang = task.replicas > 1;
  if (gang && options.gang === 'indexed-job') return indexedJob(task, options);
  const name = objectName(task.taskId);
  const devices = deviceResources(task);
  const meta = podMeta(task, options, name, true, devices);
  const spec = podSpec(task, options, false, devices);
  let podGroup: PodGroup | undefined;
  if (gang) {
    const group = gangName(task.jobId, task.attempt);
    podGroup = volcanoPodGroup(task, options, group);
    spec.schedulerName = 'volcano';
    meta.annotations = { ...meta.annotations, [VOLCANO_GROUP]: group };
  }
  if (options.workload === 'pod') {
    return { target: { kind: 'pod', name }, pod: { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec }, podGroup };
  }
  const job: V1Job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: objectMeta(task, options, name, true),
    spec: { backoffLimit: 0, template: { metadata: meta, spec } },
  };
  return { target: { kind: 'job', name }, job, podGroup };
}

/** The whole gang as one Job: the completion index is the replica, so per-replica values come from it. */
function indexedJob(task: TaskSpec, options: ManifestOptions): TaskObjects {
  if (task.taskId !== `${task.jobId}-r${task.replica}-a${task.attempt}`) {
    throw new ManifestError(
      `task ${task.taskId}: an indexed Job derives each replica's task id as <jobId>-r<replica>-a<attempt>; ` +
        "this id does not follow it, so run the gang with gang: 'volcano'",
    );
  }
  const name = gangName(task.jobId, task.attempt);
  const devices = deviceResources(task);
  const meta = podMeta(task, options, name, false, devices);
  const spec = podSpec(task, options, true, devices);
  const job: V1Job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: objectMeta(task, options, name, false),
    spec: {
      completionMode: 'Indexed',
      completions: task.replicas,
      parallelism: task.replicas,
      // Junction retries a gang as a whole (a new attempt), never one pod of it.
      backoffLimit: 0,
      template: { metadata: meta, spec },
    },
  };
  return { target: { kind: 'indexed-job', name, index: task.replica }, job };
}

function volcanoPodGroup(task: TaskSpec, options: ManifestOptions, name: string): PodGroup {
  const { [LABEL.taskId]: _task, [LABEL.replica]: _replica, ...labels } = objectMeta(task, options, name, false).labels;
  return {
    apiVersion: 'scheduling.volcano.sh/v1beta1',
    kind: 'PodGroup',
    metadata: { name, namespace: options.namespace, labels },
    spec: {
      minMember: task.replicas,
      ...(options.volcanoQueue === undefined ? {} : { queue: options.volcanoQueue }),
    },
  };
}

function objectMeta(
  task: TaskSpec,
  options: ManifestOptions,
  name: string,
  perReplica: boolean,
): V1ObjectMeta & { labels: Record<string, string> } {
  const labels: Record<string, string> = {
    [LABEL.managedBy]: MANAGED_BY,
    [LABEL.site]: labelValue(options.site),
    [LABEL.jobId]: labelValue(task.jobId),
    [LABEL.attempt]: String(task.attempt),
    [LABEL.object]: name,
  };
  const annotations: Record<string, string> = { [LABEL.jobId]: task.jobId };
  if (perReplica) {
    labels[LABEL.taskId] = labelValue(task.taskId);
    labels[LABEL.replica] = String(task.replica);
    annotations[LABEL.taskId] = task.taskId;
  }
  return { name, namespace: options.namespace, labels, annotations };
}

/** The pod's metadata: the object's, plus the device-selection annotations HAMi reads from the pod. */
function podMeta(
  task: TaskSpec,
  options: ManifestOptions,
  name: string,
  perReplica: boolean,
  devices: KubernetesResources,
): V1ObjectMeta {
  const meta = objectMeta(task, options, name, perReplica);
  return { ...meta, annotations: { ...meta.annotations, ...devices.annotations } };
}

function podSpec(task: TaskSpec, options: ManifestOptions, indexed: boolean, devices: KubernetesResources): V1PodSpec {
  const container: V1Container = {
    name: CONTAINER_NAME,
    image: imageOf(task, options),
    // `command` replaces the image's entrypoint, so the argument vector runs as given, with no shell between.
    command: task.command.map(escapeReferences),
    env: taskEnv(task, options, indexed),
    resources: {
      requests: cpuAndMemory(task),
      limits: { ...cpuAndMemory(task), ...devices.limits },
    },
  };
  if (task.workingDir !== undefined) container.workingDir = task.workingDir;
  const spec: V1PodSpec = {
    restartPolicy: 'Never',
    terminationGracePeriodSeconds: task.gracePeriodSeconds,
    // The task sees only the environment Junction gives it: no service links, no API token.
    enableServiceLinks: false,
    automountServiceAccountToken: false,
    containers: [container],
  };
  if (task.maxDurationSeconds !== undefined)
    spec.activeDeadlineSeconds = Math.max(1, Math.ceil(task.maxDurationSeconds));
  if (devices.nodeSelector !== undefined) spec.nodeSelector = devices.nodeSelector;
  // Junction's scheduler chose the node; an indexed Job has one template for every replica, so it cannot pin them.
  if (!indexed) spec.affinity = onNode(kubernetesNodeName(task.node, options.site));
  return spec;
}

/**
 * Required node affinity on the node's name keeps the cluster's own scheduler (and HAMi's or Volcano's, which
 * must see the pod to assign shares and gangs) in the loop, where `nodeName` would bypass them.
 */
function onNode(node: string): V1Affinity {
  return {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }],
      },
    },
  };
}

/** `<site>/<node>` → `<node>`; a name without the site prefix is taken as the Kubernetes name. */
export function kubernetesNodeName(node: string, site: string): string {
  return node.startsWith(`${site}/`) ? node.slice(site.length + 1) : node;
}

function imageOf(task: TaskSpec, options: ManifestOptions): string {
  const image = task.image ?? options.defaultImage;
  if (image === undefined || image === '') {
    throw new ManifestError(
      `task ${task.taskId}: no container image: none was chosen for ${task.model ?? 'a CPU-only task'} ` +
        'and the Kubernetes site sets no defaultImage',
    );
  }
  return image;
}

function cpuAndMemory(task: TaskSpec): Record<string, string> {
  const quantities: Record<string, string> = {};
  if (task.cpuMillis > 0) quantities.cpu = `${task.cpuMillis}m`;
  if (task.memoryMiB > 0) quantities.memory = `${task.memoryMiB}Mi`;
  return quantities;
}

/** The vendor's limits and annotations for the task's devices; a share asks HAMi for the largest slice it holds. */
export function deviceResources(task: TaskSpec): KubernetesResources {
  if (task.devices.length === 0) return { limits: {}, annotations: {} };
  const adapter = task.vendor === null ? undefined : getVendor(task.vendor);
  if (adapter === undefined) {
    throw new ManifestError(`task ${task.taskId}: holds devices of unknown vendor ${JSON.stringify(task.vendor)}`);
  }
  const shared = task.devices.some((d) => !d.whole);
  const share = shared
    ? {
        memoryMiB: Math.max(...task.devices.map((d) => d.memoryMiB)),
        computePercent: Math.max(...task.devices.map((d) => d.computePercent)),
      }
    : undefined;
  return adapter.kubernetesResources({ count: task.devices.length, share, model: task.model ?? undefined });
}

/** Every vendor's visible-devices variables: the device runtime owns them inside a container. */
const VISIBLE_DEVICE_VARIABLES = new Set(allAdapters.flatMap((a) => a.visibleDevicesVariables));

/**
 * The user's env, then the JUNCTION_* identity variables. The vendor's visible-devices variable is deliberately
 * not set (and a user's value for it is dropped): on Kubernetes the device plugin chooses the devices when the
 * container is created and exposes exactly those to it, numbered from 0, so a value written here would either
 * repeat that or point at devices the container does not have. Share limits likewise come from HAMi's
 * device plugin, which reads the limits above.
 */
function taskEnv(task: TaskSpec, options: ManifestOptions, indexed: boolean): V1EnvVar[] {
  const env = new Map<string, V1EnvVar>();
  for (const [name, value] of Object.entries(task.env)) {
    if (!VISIBLE_DEVICE_VARIABLES.has(name)) env.set(name, { name, value: escapeReferences(value) });
  }
  const set = (name: string, value: string) => {
    env.delete(name);
    env.set(name, { name, value });
  };
  set('JUNCTION_JOB_ID', escapeReferences(task.jobId));
  set('JUNCTION_ATTEMPT', String(task.attempt));
  set('JUNCTION_REPLICAS', String(task.replicas));
  set('JUNCTION_SITE', escapeReferences(task.site));
  if (indexed) {
    // Defined before the variables that refer to them: Kubernetes expands $(NAME) only for earlier entries.
    env.delete('JUNCTION_REPLICA');
    env.set('JUNCTION_REPLICA', {
      name: 'JUNCTION_REPLICA',
      valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${COMPLETION_INDEX}']` } },
    });
    env.delete('JUNCTION_KUBERNETES_NODE');
    env.set('JUNCTION_KUBERNETES_NODE', {
      name: 'JUNCTION_KUBERNETES_NODE',
      valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } },
    });
    set('JUNCTION_TASK_ID', `${escapeReferences(task.jobId)}-r$(JUNCTION_REPLICA)-a${task.attempt}`);
    set('JUNCTION_NODE', `${escapeReferences(options.site)}/$(JUNCTION_KUBERNETES_NODE)`);
  } else {
    set('JUNCTION_TASK_ID', escapeReferences(task.taskId));
    set('JUNCTION_REPLICA', String(task.replica));
    set('JUNCTION_NODE', escapeReferences(task.node));
  }
  if (task.image !== undefined) set('JUNCTION_IMAGE', escapeReferences(task.image));
  return [...env.values()];
}

/**
 * Kubernetes expands `$(NAME)` in env values and commands and reads `$$` as `$`, so doubling every `$` keeps a
 * user's text exactly as written.
 */
export function escapeReferences(text: string): string {
  return text.replaceAll('$', () => '$$');
}
