import type { NodeState } from '../../cluster/state.js';
import type { ReplicaPlacement } from '../../cluster/types.js';
import type { ScorePlugin } from '../framework.js';
import { cpuPerDeviceMilli, strandedDeviceMilli } from './cpu-stranding.js';
import type { ShareDevicePicker } from './device-choice.js';
import { type FragmentationDeps, sigmoid, WHOLE_DEVICE_MIX } from './fgd.js';
import {
  afterPlacement,
  type DeviceFree,
  deviceAfter,
  deviceFreeList,
  type MixOptions,
  nodeFragmentation,
  sameDeviceFree,
  type WorkloadMix,
} from './fragmentation.js';
import { FragmentationMemo } from './fragmentation-memo.js';
import { freeDeviceMilli } from './node-free.js';

export interface FragPackOptions {
  /**
   * Fragmentation changes are rounded to this many milli before scoring, so near-equal placements
   * tie and the framework's tie rule (first node in order) consolidates them. 0 = FGD's whole-number
   * sigmoid scores (steps of about 40 milli near zero).
   */
  quantum: number;
  /** Among equal scores: the framework's node order, or the node left fuller. */
  tie: 'order' | 'fuller';
  /** A share's device: the lowest index among the best, the fullest among the best, or plain best fit. */
  device: 'lowest' | 'fullest' | 'best-fit';
  /**
   * Weight of the CPU-stranding term (cpu-stranding.ts) added to the fragmentation measure: device
   * milli a node's free CPU cannot feed count as fragments this many times. 0 or absent = off.
   */
  cpuBalance?: number;
}

/** Measured best on the Alibaba trace (see bench/packing.ts); expects a full-coverage mix (FRAG_PACK_MIX). */
export const FRAG_PACK_DEFAULTS: FragPackOptions = { quantum: 200, tie: 'order', device: 'fullest', cpuBalance: 1 };

/** Every distinct request shape, weighted by count: rare large requests still count. */
export const FRAG_PACK_MIX: MixOptions = { coverage: 1, weighting: 'count' };

export type FragPackPlugin = ScorePlugin & ShareDevicePicker;

/**
 * Junction's fragmentation-aware packing score: FGD's expected-fragmentation measure over a
 * full-coverage workload mix plus the device milli the node's CPU cannot feed (cpu-stranding.ts),
 * with coarser rounding of the change (more ties, so more consolidation by the framework's node
 * order) and, for a share, the fullest device among the best. Scores are in [0, 100].
 */
export function createFragPack(mix: WorkloadMix, options: FragPackOptions = FRAG_PACK_DEFAULTS): FragPackPlugin {
  const balance = options.cpuBalance ?? 0;
  const cpuPerMilli = balance > 0 ? cpuPerDeviceMilli(mix) : 0;
  // One memoised measure of the free state: the CPU term costs nothing on a cache hit.
  const memo = new FragmentationMemo(mix, (cpu, devices) => {
    const frag = nodeFragmentation(cpu, devices, mix);
    return cpuPerMilli > 0 ? frag + balance * strandedDeviceMilli(cpu, devices, cpuPerMilli) : frag;
  });
  const primary = (node: NodeState, m: NodeMeasure, p: ReplicaPlacement) => {
    const cpu = node.freeCpuMillis - p.cpuMillis;
    const one = p.devices.length === 1 ? p.devices[0]! : undefined;
    const after = one
      ? memo.ofReplaced(cpu, m.free, one.index, deviceAfter(node, m.free[one.index]!, one), m.hash)
      : memo.of(cpu, afterPlacement(node, m.free, p));
    return primaryOf(m.before, after);
  };
  const primaryOf = (before: number, after: number) => {
    if (options.quantum === 0) return Math.floor(100 * sigmoid((before - after) / 1000));
    const q = Math.round((before - after) / options.quantum) * options.quantum;
    return Math.floor(100 * sigmoid(q / 1000) * 1000) / 1000;
  };
  const secondary = (node: NodeState, p: ReplicaPlacement) => {
    if (options.tie === 'order' || node.devices.length === 0) return 0;
    const full = 1 - freeDeviceMilli(node, p) / (1000 * node.devices.length);
    return full;
  };
  // Per node state (NodeState.changes): its device list, its measure, and the last share device
  // picked on it, so the score of the pick (asked right after, for the same request) is not
  // measured again, and every request shape scoring the same state shares the rest.
  const states = new WeakMap<NodeState, NodeMeasure>();
  const measured = (node: NodeState): NodeMeasure => {
    let m = states.get(node);
    if (!m || m.changes !== node.changes) {
      const free = deviceFreeList(node);
      const hash = memo.listHash(free);
      m = { changes: node.changes, free, hash, before: memo.of(node.freeCpuMillis, free, hash) };
      states.set(node, m);
    }
    return m;
  };
  return {
    name: 'frag-pack',
    score(_job, { node, placement }) {
      const m = measured(node);
      const pick = m.pick;
      const one = placement.devices.length === 1 ? placement.devices[0]! : undefined;
      const picked =
        pick !== undefined &&
        one !== undefined &&
        one.index === pick.index &&
        one.memoryMiB === pick.memoryMiB &&
        one.computePercent === pick.computePercent &&
        placement.cpuMillis === pick.cpuMillis;
      const first = picked ? pick.primary : primary(node, m, placement);
      return ((first + 0.999 * secondary(node, placement)) * 100) / 101;
    },
    pickShareDevice(job, node, fitting) {
      const per = job.spec.resources.perReplica;
      const share = per.accelerators.share!;
      const m = measured(node);
      const { free, before } = m;
      let best = fitting[0]!;
      let bestScore = -1;
      let bestFree = Number.POSITIVE_INFINITY;
      if (options.device === 'best-fit') {
        for (const index of fitting) if (free[index]!.milli < free[best]!.milli) best = index;
        return best;
      }
      const seen: DeviceFree[] = [];
      for (const index of fitting) {
        // Devices in the same free state score the same; the first (lowest index) stands for them.
        const d = free[index]!;
        let again = false;
        for (let k = 0; k < seen.length && !again; k++) again = sameDeviceFree(seen[k]!, d);
        if (again) continue;
        seen.push(d);
        // primary() of the share's placement on this device, without building the placement.
        const a = { index, memoryMiB: share.memoryMiB, computePercent: share.computePercent };
        const s = primaryOf(
          before,
          memo.ofReplaced(node.freeCpuMillis - per.cpuMillis, free, index, deviceAfter(node, d, a), m.hash),
        );
        const left = d.milli;
        if (s > bestScore || (s === bestScore && options.device === 'fullest' && left < bestFree)) {
          bestScore = s;
          best = index;
          bestFree = left;
        }
      }
      const { memoryMiB, computePercent } = share;
      m.pick = { index: best, memoryMiB, computePercent, cpuMillis: per.cpuMillis, primary: bestScore };
      return best;
    },
  };
}

/** What frag-pack derived from one free state of a node (see createFragPack). */
interface NodeMeasure {
  changes: number;
  free: DeviceFree[];
  /** The memo's hash of `free`. */
  hash: number;
  before: number;
  pick?: { index: number; memoryMiB: number; computePercent: number; cpuMillis: number; primary: number };
}

export const fragPack = (deps: FragmentationDeps): FragPackPlugin => createFragPack(deps.workload ?? WHOLE_DEVICE_MIX);
