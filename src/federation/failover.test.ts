import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextCandidate } from './failover.js';
import { planPlacement } from './plan.js';
import { FIXED_ORACLE, federatedJob, NOW, OFFERS } from './testing.js';

const HOUR = 3_600_000;

test('failover picks the next best site', () => {
  const plan = planPlacement(federatedJob({ objective: 'time' }), OFFERS, FIXED_ORACLE, NOW);
  assert.equal(plan.chosen?.site, 'east-nv');
  assert.equal(nextCandidate(plan, ['east-nv'], NOW).chosen?.site, 'south-ascend');
  assert.equal(nextCandidate(plan, ['east-nv', 'south-ascend'], NOW).chosen?.site, 'north-dcu');
  assert.match(nextCandidate(plan, ['east-nv', 'south-ascend', 'north-dcu'], NOW).refusal ?? '', /no feasible site/);
});

test('failover re-times from now and holds the deadline', () => {
  const deadline = new Date(NOW + 13 * HOUR).toISOString();
  const plan = planPlacement(federatedJob({ objective: 'time', deadline }), OFFERS, FIXED_ORACLE, NOW);
  const early = nextCandidate(plan, ['east-nv'], NOW);
  assert.equal(early.chosen?.site, 'south-ascend');
  assert.equal(early.chosen?.prediction?.end, NOW + 12 * HOUR);
  const late = nextCandidate(plan, ['east-nv'], NOW + 2 * HOUR);
  assert.equal(late.chosen, undefined);
  assert.equal(
    late.refusal,
    'no remaining site can finish by 2026-11-30T13:00:00Z: the earliest is south-ascend at 2026-11-30T14:00:00Z (huawei-ascend-910b3)',
  );
});
