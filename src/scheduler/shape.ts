/**
 * A job's request shape: every spec field a filter or score reads (resources, placement, and the
 * workload fields the adaptation center judges) and, when the profile has queues, the queue
 * (queue-quota filters by it). Jobs of one shape get the same placement verdicts and scores, so a
 * cycle keys its caches by shape. A plugin that reads another field must add it to all three of
 * requestShape, shapeHash and sameShape.
 *
 * Built by hand, not by JSON.stringify: a cycle asks for the shape of every job, a hundred thousand
 * of them; ShapeMap compares jobs field by field without building a key at all.
 */
import type { PendingJob } from './framework.js';

export function requestShape(job: PendingJob, byQueue: boolean): string {
  const { resources, placement: pl, workload: w } = job.spec;
  const per = resources.perReplica;
  const a = per.accelerators;
  const share = a.share ? `${a.share.memoryMiB}/${a.share.computePercent}` : '';
  let key = `${byQueue ? job.queue : ''}\u0001${resources.replicas}|${per.cpuMillis}|${per.memoryMiB}|${a.kind}|${a.count}|${share}|${a.minMemoryMiB}|${a.vendors.join(',')}|${a.models.join(',')}|${a.topology}`;
  key += `\u0001${pl.objective}|${pl.maxPricePerHour ?? ''}|${pl.deadline ?? ''}|${pl.sites.join(',')}|${pl.nodes.join(',')}|${pl.regions.join(',')}|${pl.data ? `${pl.data.dataset}:${pl.data.sizeMiB}` : ''}`;
  const image = typeof w.image === 'string' ? w.image : JSON.stringify(w.image);
  const estimate = w.estimate ? `${w.estimate.referenceModel}:${w.estimate.referenceSeconds}` : '';
  const framework = w.framework ? `${w.framework.name}@${w.framework.version}` : '';
  key += `\u0001${framework}|${w.precision.join(',')}|${w.class}|${w.compat}|${image}|${estimate}`;
  if (job.avoidSites && job.avoidSites.length > 0) key += `\u0001${job.avoidSites.join(',')}`;
  return key;
}

function mix(h: number, v: number): number {
  return Math.imul(h ^ v, 0x9e3779b1) ^ (h >>> 15);
}

function hashString(h: number, s: string): number {
  h = mix(h, s.length);
  for (let i = 0; i < s.length; i++) h = mix(h, s.charCodeAt(i));
  return h;
}

/** The list's length and its first string's length and end characters: cheap, and enough to spread shapes. */
function hashFirst(list: readonly string[]): number {
  const s = list[0]!;
  return mix(mix(list.length, s.length), s.length > 0 ? s.charCodeAt(0) * 65536 + s.charCodeAt(s.length - 1) : 0);
}

/**
 * The job whose hash (without its queue) was computed last: a cycle asks twice for most jobs. (A
 * job changed in place after that keeps its old hash once more: ShapeMap compares fields, so that
 * costs at most a cache miss, never a wrong match.)
 */
let lastJob: PendingJob | undefined;
let lastHash = 0;

/** A hash of the fields sameShape compares (the cheap ones: equal shapes hash equal, that is all it promises). */
export function shapeHash(job: PendingJob, byQueue: boolean): number {
  if (job !== lastJob) {
    lastHash = specHash(job);
    lastJob = job;
  }
  return byQueue ? hashString(lastHash, job.queue) & 0x3fffffff : lastHash;
}

function specHash(job: PendingJob): number {
  const { resources, placement: pl } = job.spec;
  const per = resources.perReplica;
  const a = per.accelerators;
  let h = mix(resources.replicas, per.cpuMillis);
  h = mix(h, per.memoryMiB);
  h = mix(h, a.count);
  h = mix(h, a.kind.length);
  h = mix(h, a.share ? a.share.memoryMiB * 101 + a.share.computePercent : -1);
  h = mix(h, a.minMemoryMiB);
  h = mix(h, a.vendors.length > 0 ? hashFirst(a.vendors) : 0);
  h = mix(h, a.models.length > 0 ? hashFirst(a.models) : 0);
  h = mix(h, pl.nodes.length + 7 * pl.sites.length);
  return h & 0x3fffffff;
}

const NONE: readonly string[] = [];

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether two jobs have the same request shape: requestShape(a) === requestShape(b), without building either. */
export function sameShape(x: PendingJob, y: PendingJob, byQueue: boolean): boolean {
  if (byQueue && x.queue !== y.queue) return false;
  const a = x.spec;
  const b = y.spec;
  const pa = a.resources.perReplica;
  const pb = b.resources.perReplica;
  const aa = pa.accelerators;
  const ab = pb.accelerators;
  if (
    a.resources.replicas !== b.resources.replicas ||
    pa.cpuMillis !== pb.cpuMillis ||
    pa.memoryMiB !== pb.memoryMiB ||
    aa.kind !== ab.kind ||
    aa.count !== ab.count ||
    aa.minMemoryMiB !== ab.minMemoryMiB ||
    aa.topology !== ab.topology ||
    (aa.share?.memoryMiB ?? -1) !== (ab.share?.memoryMiB ?? -1) ||
    (aa.share?.computePercent ?? -1) !== (ab.share?.computePercent ?? -1) ||
    !sameList(aa.vendors, ab.vendors) ||
    !sameList(aa.models, ab.models)
  ) {
    return false;
  }
  const la = a.placement;
  const lb = b.placement;
  if (
    la.objective !== lb.objective ||
    la.maxPricePerHour !== lb.maxPricePerHour ||
    la.deadline !== lb.deadline ||
    !sameList(la.sites, lb.sites) ||
    !sameList(la.nodes, lb.nodes) ||
    !sameList(la.regions, lb.regions) ||
    la.data?.dataset !== lb.data?.dataset ||
    la.data?.sizeMiB !== lb.data?.sizeMiB
  ) {
    return false;
  }
  const wa = a.workload;
  const wb = b.workload;
  if (
    wa.framework?.name !== wb.framework?.name ||
    wa.framework?.version !== wb.framework?.version ||
    wa.class !== wb.class ||
    wa.compat !== wb.compat ||
    !sameList(wa.precision, wb.precision) ||
    wa.estimate?.referenceModel !== wb.estimate?.referenceModel ||
    wa.estimate?.referenceSeconds !== wb.estimate?.referenceSeconds
  ) {
    return false;
  }
  if (wa.image !== wb.image && (typeof wa.image === 'string' || typeof wb.image === 'string')) return false;
  if (wa.image !== wb.image && JSON.stringify(wa.image) !== JSON.stringify(wb.image)) return false;
  return sameList(x.avoidSites ?? NONE, y.avoidSites ?? NONE);
}

/** A map keyed by request shape: jobs of the same shape share an entry. */
export class ShapeMap<V> {
  private readonly buckets = new Map<number, { job: PendingJob; value: V }[]>();

  constructor(private readonly byQueue: boolean) {}

  get(job: PendingJob): V | undefined {
    const bucket = this.buckets.get(shapeHash(job, this.byQueue));
    if (!bucket) return undefined;
    for (const e of bucket) if (sameShape(e.job, job, this.byQueue)) return e.value;
    return undefined;
  }

  set(job: PendingJob, value: V): void {
    const h = shapeHash(job, this.byQueue);
    const bucket = this.buckets.get(h);
    if (!bucket) {
      this.buckets.set(h, [{ job, value }]);
      return;
    }
    for (const e of bucket) {
      if (sameShape(e.job, job, this.byQueue)) {
        e.value = value;
        return;
      }
    }
    bucket.push({ job, value });
  }
}
