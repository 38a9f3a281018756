import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RecentReasons } from './recent-reasons.js';

describe('recent placement reasons', () => {
  test('keeps the newest bindings up to the limit, a rebound job counting as new', () => {
    const recent = new RecentReasons<string>(3);
    for (const id of ['a', 'b', 'c']) recent.set(id, `${id}1`);
    recent.set('a', 'a2');
    recent.set('d', 'd1');
    assert.equal(recent.size, 3);
    assert.equal(recent.get('b'), undefined, 'the oldest went');
    assert.equal(recent.get('a'), 'a2');
    assert.equal(recent.get('c'), 'c1');
    assert.equal(recent.get('d'), 'd1');
  });
});
