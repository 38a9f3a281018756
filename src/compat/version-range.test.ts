import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compareVersions, parseRange, parseVersion, satisfies } from './version-range.js';

describe('version ranges', () => {
  const cases: [version: string, range: string, expected: boolean][] = [
    ['2.1.0', '>=2.1', true],
    ['2.0.1', '>=2.1', false],
    ['2.5.1', '>=2.1', true],
    ['2.4.0', '2.4', true],
    ['2.4.1', '2.4', true],
    ['2.5.0', '2.4', false],
    ['2.9.1', '2.*', true],
    ['1.13.1', '2.*', false],
    ['1.13.1', '*', true],
    ['2.5.1', '', true],
    ['2.5.1', '<2.6,>=2.1', true],
    ['2.6.0', '<2.6,>=2.1', false],
    ['2.0.0', '<2.6,>=2.1', false],
    ['2.1.0.post3', '>=2.1', true],
    ['2.5.1', '==2.5.1', true],
    ['2.5.0', '==2.5.1', false],
    ['*', '>=2.1', false],
    ['*', '*', true],
    ['2.5.1', 'latest', false],
  ];
  for (const [version, range, expected] of cases) {
    test(`${version} in "${range}" is ${expected}`, () => assert.equal(satisfies(version, range), expected));
  }

  test('rejects malformed ranges and accepts the documented forms', () => {
    assert.equal(parseRange('>=2.*'), undefined);
    assert.equal(parseRange('~2.1'), undefined);
    assert.deepEqual(parseRange('*'), []);
    assert.equal(parseRange('<2.6, >=2.1')?.length, 2);
  });

  test('compares by numeric components', () => {
    assert.ok(compareVersions(parseVersion('2.10')!, parseVersion('2.9')!) > 0);
    assert.equal(compareVersions(parseVersion('2.1')!, parseVersion('2.1.0')!), 0);
    assert.deepEqual(parseVersion('8.0.RC2'), [8, 0]);
    assert.equal(parseVersion('unknown'), undefined);
  });
});
