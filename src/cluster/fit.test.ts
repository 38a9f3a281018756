import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { makeJob, makeNode } from '../scheduler/testing.js';
import { fitReplica } from './fit.js';
import { ClusterState } from './state.js';

const KINDS = [
  ['nvidia', 'h100'],
  ['nvidia', 'a100'],
  ['hygon', 'k100'],
] as const;

/** What fitReplica promises for whole devices: the preferred model with enough free devices, its lowest-indexed free ones. */
function expected(
  models: string[],
  vendors: string[],
  devices: { vendor: string; model: string; free: boolean }[],
  count: number,
) {
  const rank = (list: string[], v: string) =>
    list.length === 0 ? 0 : list.includes(v) ? list.indexOf(v) : list.length;
  const eligible = devices
    .map((d, index) => ({ ...d, index }))
    .filter(
      (d) => (vendors.length === 0 || vendors.includes(d.vendor)) && (models.length === 0 || models.includes(d.model)),
    );
  const byModel = new Map<string, typeof eligible>();
  for (const d of eligible) if (d.free) byModel.set(d.model, [...(byModel.get(d.model) ?? []), d]);
  const ok = [...byModel.entries()]
    .filter(([, list]) => list.length >= count)
    .sort(
      ([a, la], [b, lb]) =>
        rank(models, a) - rank(models, b) ||
        rank(vendors, la[0]!.vendor) - rank(vendors, lb[0]!.vendor) ||
        a.localeCompare(b),
    );
  if (ok.length === 0) return { ok: false, have: Math.max(0, ...[...byModel.values()].map((l) => l.length)) };
  const [model, list] = ok[0]!;
  return { ok: true, model, devices: list.slice(0, count).map((d) => d.index) };
}

describe('whole-device fit', () => {
  test('the preferred model with room, its lowest-indexed free devices, on single- and mixed-model nodes', () => {
    const deviceArb = fc.record({ kind: fc.integer({ min: 0, max: 2 }), held: fc.boolean() });
    fc.assert(
      fc.property(
        fc.array(deviceArb, { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom<string[]>([], ['nvidia'], ['hygon', 'nvidia']),
        fc.constantFrom<string[]>([], ['a100'], ['h100', 'k100']),
        (specs, oneModel, count, vendors, models) => {
          const kinds = specs.map((s) => KINDS[oneModel ? specs[0]!.kind : s.kind]!);
          const info = makeNode('n', 'nvidia', 'h100', specs.length);
          info.devices = info.devices.map((d, i) => ({ ...d, vendor: kinds[i]![0], model: kinds[i]![1] }));
          const cluster = new ClusterState([info]);
          specs.forEach((s, i) => {
            if (!s.held) return;
            const p = { replica: 0, site: 'site-a', node: 'n', cpuMillis: 0, memoryMiB: 0, vendor: null, model: null };
            cluster.allocate(`h-${i}`, [
              { ...p, devices: [{ index: i, memoryMiB: 1, computePercent: 1, whole: false }] },
            ]);
          });
          const per = makeJob('j', { count, vendors, models }).spec.resources.perReplica;
          const fit = fitReplica(cluster.node('n')!, per);
          const want = expected(
            models,
            vendors,
            kinds.map(([vendor, model], i) => ({ vendor, model, free: !specs[i]!.held })),
            count,
          );
          if (!fit.ok) {
            assert.equal(want.ok, false);
            if (fit.failure === 'devices') assert.equal(fit.have, want.have);
            return;
          }
          assert.deepEqual({ ok: true, model: fit.model, devices: fit.devices.map((d) => d.index) }, want);
          assert.ok(fit.devices.every((d) => d.whole && d.computePercent === 100));
        },
      ),
      { numRuns: 1000, seed: 2 },
    );
  });
});
