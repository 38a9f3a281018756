/**
 * Device partitions: nodes grouped by the set of device kinds (vendor/model) they carry. A node's
 * partition never changes while its NodeInfo stays the same, and a request that names at most one
 * vendor judges every node of a partition whose devices are all of that vendor exactly as a request
 * naming none: so one ranking per (request without vendor, partition) serves every such request,
 * and a bind re-ranks only the partition of the node it changed.
 */
import type { ClusterState, StateClass } from '../cluster/state.js';
import type { NodeInfo } from '../cluster/types.js';

export interface DevicePartition {
  readonly id: number;
  /** Distinct vendors of the partition's devices, sorted; empty for nodes without devices. */
  readonly vendors: readonly string[];
}

interface PartitionIndex {
  version: number;
  list: DevicePartition[];
  byKey: Map<string, DevicePartition>;
}

const indexes = new WeakMap<ClusterState, PartitionIndex>();
const partitionOfInfo = new WeakMap<NodeInfo, { key: string; vendors: string[] }>();

function kindsOf(info: NodeInfo): { key: string; vendors: string[] } {
  let kinds = partitionOfInfo.get(info);
  if (!kinds) {
    const keys = [...new Set(info.devices.map((d) => `${d.vendor}/${d.model}`))].sort();
    const vendors = [...new Set(info.devices.map((d) => d.vendor))].sort();
    kinds = { key: keys.join(','), vendors };
    partitionOfInfo.set(info, kinds);
  }
  return kinds;
}

function indexOf(cluster: ClusterState): PartitionIndex {
  let index = indexes.get(cluster);
  if (!index || index.version !== cluster.nodesVersion) {
    index = { version: cluster.nodesVersion, list: [], byKey: new Map() };
    for (const node of cluster.nodes()) partitionIn(index, node.info);
    indexes.set(cluster, index);
  }
  return index;
}

function partitionIn(index: PartitionIndex, info: NodeInfo): DevicePartition {
  const { key, vendors } = kindsOf(info);
  let partition = index.byKey.get(key);
  if (!partition) {
    partition = { id: index.list.length, vendors };
    index.byKey.set(key, partition);
    index.list.push(partition);
  }
  return partition;
}

/** The cluster's partitions (the same objects for as long as its node set does not change). */
export function devicePartitions(cluster: ClusterState): readonly DevicePartition[] {
  return indexOf(cluster).list;
}

/** The partition id of one of the cluster's nodes. */
export function partitionOf(cluster: ClusterState, info: NodeInfo): number {
  return partitionIn(indexOf(cluster), info).id;
}

/** A class change log (see ClusterState.classLog): class ids, replaced by a new epoch when dropped. */
export interface ClassChanges {
  readonly epoch: number;
  readonly log: readonly number[];
}

/**
 * The cluster's class change log split by device partition, so a ranking of one partition replays
 * only that partition's changes. Follows the cluster's log incrementally; starts over (a new
 * epoch) when the cluster drops its log or its node set changes.
 */
class PartitionLogs {
  /** Per partition, its changes in the current epoch (one object per partition and epoch). */
  private logs: { epoch: number; log: number[] }[] = [];
  private epoch = 0;
  private clusterEpoch = -1;
  private nodesVersion = -1;
  private position = 0;
  /** Partition by class id + 1 (0: not seen), for classes that are gone by the time their change is read. */
  private partitionById = new Int32Array(0);

  constructor(private readonly cluster: ClusterState) {}

  changesOf(partition: number): ClassChanges {
    this.sync();
    return this.logOf(partition);
  }

  private logOf(partition: number): { epoch: number; log: number[] } {
    let entry = this.logs[partition];
    if (!entry) {
      entry = { epoch: this.epoch, log: [] };
      this.logs[partition] = entry;
    }
    return entry;
  }

  /** The partition of a live class (a class id's partition never changes). */
  partitionOfClass(cls: StateClass): number {
    this.sync();
    const id = cls.id;
    const known = id < this.partitionById.length ? this.partitionById[id]! - 1 : -1;
    return known >= 0 ? known : this.remember(id, cls.representative.info);
  }

  /** Notes the partition of class `id`, from a node it was made for (its partition never changes). */
  private remember(id: number, info: NodeInfo): number {
    const p = partitionOf(this.cluster, info);
    if (id >= this.partitionById.length) {
      const grown = new Int32Array(Math.max(64, 2 * this.partitionById.length, id + 1));
      grown.set(this.partitionById);
      this.partitionById = grown;
    }
    this.partitionById[id] = p + 1;
    return p;
  }

  private sync(): void {
    const { cluster } = this;
    if (cluster.classLogEpoch !== this.clusterEpoch || cluster.nodesVersion !== this.nodesVersion) {
      this.logs = [];
      this.partitionById = new Int32Array(0);
      this.epoch++;
      this.clusterEpoch = cluster.classLogEpoch;
      this.nodesVersion = cluster.nodesVersion;
      this.position = 0;
    }
    const log = cluster.classLog;
    for (let i = this.position; i < log.length; i++) {
      const id = log[i]!;
      let p = id < this.partitionById.length ? this.partitionById[id]! - 1 : -1;
      if (p < 0) p = this.remember(id, cluster.classNodeInfo(id)!);
      this.logOf(p).log.push(id);
    }
    this.position = log.length;
  }
}

const partitionLogs = new WeakMap<ClusterState, PartitionLogs>();

/** The class changes of one device partition of the cluster (see PartitionLogs). */
export function partitionChanges(cluster: ClusterState, partition: number): ClassChanges {
  return logsOf(cluster).changesOf(partition);
}

/** The device partition of one of the cluster's live classes. */
export function classPartition(cluster: ClusterState, cls: StateClass): number {
  return logsOf(cluster).partitionOfClass(cls);
}

function logsOf(cluster: ClusterState): PartitionLogs {
  let logs = partitionLogs.get(cluster);
  if (!logs) {
    logs = new PartitionLogs(cluster);
    partitionLogs.set(cluster, logs);
  }
  return logs;
}
