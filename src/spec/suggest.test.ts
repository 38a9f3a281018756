import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { closestNames, didYouMean, editDistance } from './suggest.js';

describe('editDistance', () => {
  const cases: [string, string, number][] = [
    ['', '', 0],
    ['abc', '', 3],
    ['replicas', 'replicaz', 1],
    ['hihg', 'high', 1],
    ['kitten', 'sitting', 3],
  ];
  for (const [a, b, d] of cases) test(`${a} → ${b} = ${d}`, () => assert.equal(editDistance(a, b), d));
});

describe('closestNames', () => {
  test('finds typos, case differences, substrings and shared prefixes, best first', () => {
    assert.deepEqual(closestNames('nvida', ['amd', 'nvidia', 'hygon']), ['nvidia']);
    assert.deepEqual(closestNames('KIND', ['kind', 'metadata']), ['kind']);
    assert.deepEqual(closestNames('h100', ['nvidia-h100-sxm', 'nvidia-a100-80g']), ['nvidia-h100-sxm']);
    assert.deepEqual(closestNames('retry', ['maxDuration', 'retries', 'preemptible']), ['retries']);
    assert.deepEqual(closestNames('zzz', ['amd', 'nvidia']), []);
  });

  test('didYouMean phrases one or several names, or nothing', () => {
    assert.equal(didYouMean('replica', ['replicas', 'perReplica']), 'did you mean `replicas` or `perReplica`?');
    assert.equal(didYouMean('qqq', ['replicas']), undefined);
  });
});
