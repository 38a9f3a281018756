import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { batchScript, parseJobId, sbatchArgs, shellQuote } from './batch-job.js';

const request = {
  taskId: 'j1-r0-a1',
  taskDir: '/data/tasks/j1-r0-a1',
  logPath: '/data/tasks/j1-r0-a1/output.log',
  slurmNode: 'vm',
  cpus: 2,
  memoryMiB: 1024,
  gracePeriodSeconds: 5,
};

describe('batch job', () => {
  test('sbatch arguments: node, CPUs, memory, gres, time limit as a backstop to maxDuration', () => {
    const args = sbatchArgs(
      { ...request, partition: 'gpu', gres: 'gpu:k100_ai:2', maxDurationSeconds: 3600 },
      '/data/tasks/j1-r0-a1/job.sh',
    );
    for (const arg of [
      '--job-name=junction-j1-r0-a1',
      '--nodelist=vm',
      '--cpus-per-task=2',
      '--mem=1024M',
      '--partition=gpu',
      '--gres=gpu:k100_ai:2',
      '--time=62',
    ]) {
      assert.ok(args.includes(arg), `${arg} in ${args.join(' ')}`);
    }
    assert.equal(args.at(-1), '/data/tasks/j1-r0-a1/job.sh');
    assert.ok(!sbatchArgs(request, 'x').some((a) => a.startsWith('--gres') || a.startsWith('--time')));
  });

  test('the batch script quotes its paths: the shell passes them on unchanged and runs nothing in them', () => {
    const odd = '/tmp/it\'s $(echo INJECTED) `echo INJECTED` "y" ;|&';
    const script = batchScript('/bin/echo', odd, '/data/a b');
    assert.match(script, /^#!\/bin\/sh\n/);
    assert.equal(execFileSync('sh', ['-c', script], { encoding: 'utf8' }), `${odd} /data/a b\n`);
    assert.equal(shellQuote("'"), `''"'"''`);
    assert.throws(() => shellQuote('a\0b'));
  });

  test('job ids from --parsable', () => {
    assert.equal(parseJobId('42\n'), '42');
    assert.equal(parseJobId('42;cluster\n'), '42');
    assert.equal(parseJobId('Submitted batch job 42'), undefined);
  });
});
