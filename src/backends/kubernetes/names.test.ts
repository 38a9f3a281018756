import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeHandle, encodeHandle, gangName, labelValue, objectName, type TaskTarget } from './names.js';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

describe('names', () => {
  test('plain ids keep their name; others become distinct valid names', () => {
    assert.equal(objectName('j-1a2b-r0-a1'), 'junction-j-1a2b-r0-a1');
    const long = objectName(`j-${'a'.repeat(100)}-r0-a1`);
    const other = objectName(`j-${'a'.repeat(100)}-r1-a1`);
    const odd = objectName('Job_ONE');
    for (const name of [long, other, odd]) assert.ok(name.length <= 63 && DNS_LABEL.test(name), name);
    assert.notEqual(long, other);
    assert.notEqual(objectName('Job_ONE'), objectName('job-one'));
    assert.equal(gangName('j-1', 3), 'junction-j-1-a3');
  });

  test('label values', () => {
    assert.equal(labelValue('east'), 'east');
    assert.ok(labelValue('x'.repeat(70)).length <= 63);
    assert.ok(DNS_LABEL.test(labelValue('a/b')));
  });

  test('handles round-trip, and a foreign handle is refused', () => {
    const targets: TaskTarget[] = [
      { kind: 'pod', name: 'junction-a' },
      { kind: 'job', name: 'junction-b' },
      { kind: 'indexed-job', name: 'junction-c', index: 2 },
    ];
    for (const t of targets) assert.deepEqual(decodeHandle(encodeHandle(t)), t);
    assert.throws(() => decodeHandle('12345'), /not a Kubernetes task handle/);
    assert.throws(() => decodeHandle('indexed-job/x/y'), /not a Kubernetes task handle/);
  });
});
