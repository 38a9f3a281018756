import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { matchesDeviceKey } from './queues.js';

describe('quota device keys', () => {
  test('a vendor/model key counts towards a quota on its vendor or its model, nothing else', () => {
    const cases: [string, string, boolean][] = [
      ['nvidia/h100', 'nvidia', true],
      ['nvidia/h100', 'h100', true],
      ['nvidia/h100', 'nvidia/h100', false],
      ['nvidia/h100', 'nvid', false],
      ['nvidia/h100', '100', false],
      ['nvidia/h100', 'nvidia/', false],
      ['nvidia/h100', '', false],
      ['hygon/hygon', 'hygon', true],
      // The model is everything after the first slash.
      ['vendor/family/model', 'family/model', true],
      ['vendor/family/model', 'model', false],
      ['vendor/family/model', 'vendor/family', false],
    ];
    for (const [key, quota, expected] of cases)
      assert.equal(matchesDeviceKey(key, quota), expected, `${key} ~ ${quota}`);
  });
});
