/**
 * How Junction names and labels what it creates on a Kubernetes cluster, and the task handle that
 * points back at it. Pure.
 */

/** Labels and annotations Junction puts on its objects (and reads back). */
export const LABEL = {
  managedBy: 'app.kubernetes.io/managed-by',
  site: 'junction.io/site',
  jobId: 'junction.io/job-id',
  taskId: 'junction.io/task-id',
  replica: 'junction.io/replica',
  attempt: 'junction.io/attempt',
  /** The Pod or Job a task runs as, so the pods of a Job can be found by Junction's own label. */
  object: 'junction.io/object',
} as const;

export const MANAGED_BY = 'junction';

/** The annotation Kubernetes puts on the pods of an indexed Job (since 1.21; the label came in 1.28). */
export const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';

/** Volcano's pod annotation naming the PodGroup a pod belongs to. */
export const VOLCANO_GROUP = 'scheduling.k8s.io/group-name';

export const CONTAINER_NAME = 'task';

/** What a task runs as; the handle the control plane persists is this, encoded by `encodeHandle`. */
export type TaskTarget =
  | { kind: 'pod'; name: string }
  | { kind: 'job'; name: string }
  /** One completion index of an indexed Job that runs the whole gang. */
  | { kind: 'indexed-job'; name: string; index: number };

/**
 * A DNS-1123 label (lowercase alphanumerics and '-', at most 63 characters, alphanumeric at both ends),
 * which is valid as a Pod, Job and PodGroup name. Long or unusual ids keep a hash suffix so two ids never collide.
 */
export function objectName(id: string): string {
  const cleaned = `junction-${id}`
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/-$/, '');
  const exact = cleaned === `junction-${id}`;
  if (exact && cleaned.length <= 63) return cleaned;
  const suffix = hash(id);
  return `${cleaned.slice(0, 63 - suffix.length - 1).replace(/-+$/, '')}-${suffix}`;
}

/** A label value (at most 63 characters of [A-Za-z0-9-_.], alphanumeric at both ends); hashed when an id is not one. */
export function labelValue(value: string): string {
  if (/^([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$/.test(value)) return value;
  return objectName(value);
}

/** The object that runs a gang attempt as one unit (an indexed Job or a Volcano PodGroup). */
export function gangName(jobId: string, attempt: number): string {
  return objectName(`${jobId}-a${attempt}`);
}

export function encodeHandle(target: TaskTarget): string {
  return target.kind === 'indexed-job' ? `indexed-job/${target.name}/${target.index}` : `${target.kind}/${target.name}`;
}

/** Throws for a string that no version of this backend produced. */
export function decodeHandle(handle: string): TaskTarget {
  const [kind, name, index] = handle.split('/');
  if ((kind === 'pod' || kind === 'job') && name && index === undefined) return { kind, name };
  if (kind === 'indexed-job' && name && index !== undefined && /^\d+$/.test(index)) {
    return { kind, name, index: Number(index) };
  }
  throw new Error(`not a Kubernetes task handle: ${JSON.stringify(handle)}`);
}

/** 32-bit FNV-1a, in base 36: short, stable, and enough to keep truncated names apart. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}
