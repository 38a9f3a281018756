import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { planPlacement } from './plan.js';
import { FIXED_ORACLE, federatedJob, NOW, OFFERS } from './testing.js';
import type { Candidate, SiteOffer } from './types.js';

const HOUR = 3_600_000;

function chosen(plan: ReturnType<typeof planPlacement>): Candidate {
  assert.ok(plan.chosen, plan.refusal);
  return plan.chosen;
}

describe('planPlacement on three sites', () => {
  test('objective cost picks the cheapest compatible site', () => {
    const plan = planPlacement(federatedJob({ objective: 'cost' }), OFFERS, FIXED_ORACLE, NOW);
    const c = chosen(plan);
    assert.equal(c.site, 'north-dcu');
    assert.equal(c.prediction?.cost, 48);
    assert.deepEqual(
      plan.ranked.map((r) => r.site),
      ['north-dcu', 'east-nv', 'south-ascend'],
    );
    assert.match(c.reason, /^chosen: cheapest feasible/);
  });

  test('objective time picks the earliest finishing site, counting queue wait', () => {
    const plan = planPlacement(federatedJob({ objective: 'time' }), OFFERS, FIXED_ORACLE, NOW);
    assert.equal(chosen(plan).site, 'east-nv');
    const south = plan.ranked.find((c) => c.site === 'south-ascend')!;
    assert.equal(south.prediction?.waitSeconds, 7200);
    assert.equal(south.prediction?.end, NOW + 12 * HOUR);
    assert.match(south.reason, /^lost: ends at 2026-11-30T12:00:00Z/);
  });

  test('every loser says why it lost', () => {
    const plan = planPlacement(federatedJob(), OFFERS, FIXED_ORACLE, NOW);
    for (const c of plan.ranked.slice(1)) assert.match(c.reason, /^lost: /);
  });

  test('the price cap counts the whole job per hour', () => {
    const plan = planPlacement(federatedJob({ objective: 'time', maxPricePerHour: 10 }), OFFERS, FIXED_ORACLE, NOW);
    assert.equal(chosen(plan).site, 'south-ascend');
    const east = plan.ranked.find((c) => c.site === 'east-nv')!;
    assert.equal(east.feasible, false);
    assert.match(east.reason, /16\.00 USD\/h, above the cap of 10\.00 USD\/h/);
  });

  test('a deadline rules out the cheap slow site', () => {
    const deadline = new Date(NOW + 15 * HOUR).toISOString();
    const plan = planPlacement(federatedJob({ objective: 'cost', deadline }), OFFERS, FIXED_ORACLE, NOW);
    assert.equal(chosen(plan).site, 'east-nv');
    assert.equal(plan.ranked.find((c) => c.site === 'north-dcu')?.feasible, false);
  });

  const constraints: [string, ReturnType<typeof federatedJob>, string][] = [
    ['regions', federatedJob({ objective: 'time', regions: ['cn-south'] }), 'south-ascend'],
    ['sites', federatedJob({ objective: 'cost', sites: ['south-ascend'] }), 'south-ascend'],
    ['vendors', federatedJob({ objective: 'time' }, ['hygon']), 'north-dcu'],
  ];
  for (const [name, spec, site] of constraints) {
    test(`the ${name} constraint is respected`, () => {
      const plan = planPlacement(spec, OFFERS, FIXED_ORACLE, NOW);
      assert.equal(chosen(plan).site, site);
      for (const c of plan.ranked.filter((r) => r.site !== site)) assert.equal(c.feasible, false, c.reason);
    });
  }

  test('no chosen candidate ever violates a constraint', () => {
    const deadline = new Date(NOW + 13 * HOUR).toISOString();
    for (const objective of ['cost', 'time'] as const) {
      for (const maxPricePerHour of [undefined, 3, 7, 20]) {
        const spec = federatedJob({ objective, deadline, regions: ['us-east', 'cn-south', 'cn-north'] });
        if (maxPricePerHour !== undefined) spec.placement.maxPricePerHour = maxPricePerHour;
        const plan = planPlacement(spec, OFFERS, FIXED_ORACLE, NOW);
        const p = plan.chosen?.prediction;
        if (!p) continue;
        assert.ok(p.end <= NOW + 13 * HOUR);
        assert.ok(maxPricePerHour === undefined || p.pricePerHour <= maxPricePerHour);
      }
    }
  });

  test('a job that cannot meet its deadline anywhere is refused with the best achievable time', () => {
    const spec = federatedJob({ objective: 'cost', deadline: '2026-11-30T02:00:00Z' });
    const plan = planPlacement(spec, OFFERS, FIXED_ORACLE, NOW);
    assert.equal(plan.chosen, undefined);
    assert.equal(
      plan.refusal,
      'no site can finish by 2026-11-30T02:00:00Z: the earliest is east-nv at 2026-11-30T03:20:00Z (nvidia-h100-sxm)',
    );
  });

  test('a price cap nobody meets names the cheapest', () => {
    const plan = planPlacement(federatedJob({ maxPricePerHour: 1 }), OFFERS, FIXED_ORACLE, NOW);
    assert.match(plan.refusal ?? '', /^no site fits the price cap of 1\.00 USD\/h: the cheapest is north-dcu at 2\.40/);
  });

  test('an incompatible model is infeasible with the adaptation center reason', () => {
    const amd: SiteOffer = {
      ...OFFERS[0]!,
      site: 'west-amd',
      prices: [{ model: 'amd-instinct-mi300x', perHour: 0.1, currency: 'USD' }],
      totalDevices: { 'amd-instinct-mi300x': 8 },
      freeDevices: { 'amd-instinct-mi300x': 8 },
    };
    const plan = planPlacement(federatedJob(), [...OFFERS, amd], FIXED_ORACLE, NOW);
    const c = plan.ranked.find((r) => r.site === 'west-amd')!;
    assert.equal(c.feasible, false);
    assert.match(c.reason, /no ROCm build/);
    assert.equal(chosen(plan).site, 'north-dcu');
  });

  test('a site with too few devices is infeasible', () => {
    const spec = federatedJob({ objective: 'time' });
    spec.resources.replicas = 5;
    const plan = planPlacement(spec, OFFERS, FIXED_ORACLE, NOW);
    assert.match(plan.ranked.find((c) => c.site === 'east-nv')!.reason, /has 16 nvidia-h100-sxm, job needs 20/);
  });

  test('a dataset elsewhere adds transfer time and cost', () => {
    const spec = federatedJob({ objective: 'cost', data: { dataset: 'c4', sizeMiB: 10_240 } });
    const c = chosen(planPlacement(spec, OFFERS, FIXED_ORACLE, NOW));
    assert.equal(c.prediction?.transferSeconds, 10);
    assert.equal(c.prediction?.transferCost, 0.5);
    assert.equal(c.prediction?.cost, 48.5);
    const local = chosen(
      planPlacement(
        { ...spec, placement: { ...spec.placement, data: { dataset: 'imagenet', sizeMiB: 10_240 } } },
        OFFERS,
        FIXED_ORACLE,
        NOW,
      ),
    );
    assert.equal(local.prediction?.transferSeconds, 0);
  });

  test('without an estimate the plan assumes 1 h on the reference device and says so', () => {
    const spec = federatedJob();
    delete spec.workload.estimate;
    const plan = planPlacement(spec, OFFERS, FIXED_ORACLE, NOW);
    assert.deepEqual(plan.notes, ['no work estimate: assumed 1 h on nvidia-a100-80gb']);
    assert.match(chosen(plan).reason, /no work estimate: assumed 1 h/);
    assert.equal(chosen(plan).prediction?.durationSeconds, 7200);
  });

  test('a preemptible job pays the spot price where offered', () => {
    const spot = OFFERS.map((o) => ({ ...o, prices: o.prices.map((p) => ({ ...p, spotPerHour: p.perHour / 4 })) }));
    const spec = federatedJob();
    spec.runtime.preemptible = true;
    assert.equal(chosen(planPlacement(spec, spot, FIXED_ORACLE, NOW)).prediction?.cost, 12);
  });

  test('the same inputs give the same plan', () => {
    const a = planPlacement(federatedJob(), OFFERS, FIXED_ORACLE, NOW);
    const b = planPlacement(federatedJob(), [...OFFERS].reverse(), FIXED_ORACLE, NOW);
    assert.deepEqual(a, b);
  });
});
