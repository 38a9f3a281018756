import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ClusterState } from '../../cluster/state.js';
import { FIT_KEY, type FitCache } from '../fit-cache.js';
import { type CycleContext, CycleState } from '../framework.js';
import { makeJob, makeNode } from '../testing.js';
import { capacityFit } from './capacity-fit.js';
import type { ShareDevicePicker } from './device-choice.js';
import { capacityFitWithPicker } from './share-device-filter.js';

const KINDS = [
  ['nvidia', 'h100', 81920],
  ['nvidia', 'a100', 40960],
  ['hygon', 'k100', 65536],
] as const;

/** Picks the last device it is offered, so its choice differs from capacity-fit's. */
const lastPicker: ShareDevicePicker = {
  name: 'last',
  pickShareDevice: (_job, _node, fitting) => fitting[fitting.length - 1]!,
};

function context(cluster: ClusterState): { ctx: CycleContext; fits: FitCache } {
  const fits: FitCache = new Map();
  const cycle = new CycleState();
  cycle.write(FIT_KEY, fits);
  return { ctx: { now: 0, cluster, cycle, running: new Map() }, fits };
}

describe('capacity-fit with a share-device picker', () => {
  test('answers as capacity-fit followed by the picker among the chosen model, on any node and request', () => {
    const deviceArb = fc.record({
      kind: fc.integer({ min: 0, max: 2 }),
      used: fc.constantFrom(0, 0, 30, 60, 90),
      healthy: fc.boolean(),
    });
    const withPicker = capacityFitWithPicker(lastPicker);
    fc.assert(
      fc.property(
        fc.array(deviceArb, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        fc.constantFrom(10, 25, 50),
        fc.constantFrom<string[]>([], ['nvidia'], ['hygon']),
        fc.constantFrom<string[]>([], ['a100'], ['k100', 'h100']),
        fc.constantFrom(0, 50000),
        fc.constantFrom(1000, 60000),
        (specs, oneKind, percent, vendors, models, minMemoryMiB, cpuMillis) => {
          const info = makeNode('n', 'nvidia', 'h100', specs.length, { cpuMillis: 32000 });
          info.devices = info.devices.map((d, i) => {
            const [vendor, model, memoryMiB] = KINDS[oneKind ? specs[0]!.kind : specs[i]!.kind]!;
            return { ...d, vendor, model, memoryMiB, healthy: specs[i]!.healthy };
          });
          const cluster = new ClusterState([info]);
          specs.forEach((s, i) => {
            if (s.used === 0) return;
            const memoryMiB = Math.floor((info.devices[i]!.memoryMiB * s.used) / 100);
            const p = { replica: 0, site: 'site-a', node: 'n', cpuMillis: 0, memoryMiB: 0, vendor: null, model: null };
            cluster.allocate(`u-${i}`, [
              { ...p, devices: [{ index: i, memoryMiB, computePercent: s.used, whole: false }] },
            ]);
          });
          const share = { memoryMiB: Math.floor(655 * percent), computePercent: percent };
          const job = makeJob('j', { kind: 'share', count: 1, share, vendors, models, minMemoryMiB });
          job.spec.resources.perReplica.cpuMillis = cpuMillis;
          const node = cluster.node('n')!;

          const got = context(cluster);
          const verdict = withPicker.filter(job, node, got.ctx);
          // The reference: capacity-fit, then the picker among the devices of the model it chose.
          const want = context(cluster);
          const reference = capacityFit.filter(job, node, want.ctx);
          assert.deepEqual(verdict, reference);
          const fit = want.fits.get('n')!;
          if (!fit.ok) return assert.deepEqual(got.fits.get('n'), fit);
          const model = node.devices[fit.devices[0]!.index]!.info.model;
          const fitting = node.devices
            .filter(
              (d) =>
                d.info.model === model &&
                d.info.healthy &&
                d.info.memoryMiB >= minMemoryMiB &&
                d.freeMemoryMiB >= share.memoryMiB &&
                d.freeComputePercent >= share.computePercent,
            )
            .map((d) => d.info.index);
          const index = lastPicker.pickShareDevice(job, node, fitting);
          assert.deepEqual(got.fits.get('n'), { ...fit, devices: [{ ...fit.devices[0]!, index }] });
        },
      ),
      { numRuns: 2000, seed: 6 },
    );
  });
});
