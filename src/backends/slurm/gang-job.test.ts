import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TaskSpec } from '../types.js';
import { gangFile, gangHandle, gangSbatchArgs, gangScript, parseHandle, planGang } from './gang-job.js';

const whole = (index: number) => ({ index, memoryMiB: 65536, computePercent: 100, whole: true });

function task(replica: number, overrides: Partial<TaskSpec> = {}): TaskSpec {
  return {
    taskId: `j1-r${replica}-a1`,
    jobId: 'j1',
    replica,
    replicas: 4,
    attempt: 1,
    site: 'hpc',
    node: 'hpc/a',
    command: ['train'],
    env: {},
    vendor: 'hygon',
    model: 'hygon-dcu-k100_ai',
    devices: [whole(2 * replica), whole(2 * replica + 1)],
    cpuMillis: 1500,
    memoryMiB: 1024,
    gracePeriodSeconds: 5,
    ...overrides,
  };
}

describe('gang job', () => {
  test('two nodes with two tasks each: slots per node, in the order the gang names them', () => {
    const layout = planGang([task(0), task(1), task(2), task(3)], ['b', 'a', 'b', 'a']);
    assert.ok(typeof layout !== 'string');
    assert.deepEqual(layout.nodes, ['b', 'a']);
    assert.equal(layout.tasksPerNode, 2);
    assert.deepEqual(
      layout.members.map((m) => `${m.slurmNode}${m.slot}`),
      ['b0', 'a0', 'b1', 'a1'],
    );
    assert.deepEqual(gangFile(layout, ['/t/0', '/t/1', '/t/2', '/t/3']), {
      nodes: { b: ['/t/0', '/t/2'], a: ['/t/1', '/t/3'] },
    });
    const args = gangSbatchArgs(
      {
        name: 'junction-gang-j1-r0-a1',
        gangDir: '/g',
        logPath: '/g/output.log',
        layout,
        cpusPerTask: 2,
        memoryMiBPerTask: 1024,
        gresPerNode: 'gpu:k100_ai:4',
        timeLimitSeconds: 600,
      },
      '/g/job.sh',
    );
    for (const arg of [
      '--nodelist=b,a',
      '--nodes=2',
      '--ntasks=4',
      '--ntasks-per-node=2',
      '--cpus-per-task=2',
      '--mem=2048M',
      '--gres=gpu:k100_ai:4',
      '--time=11',
    ])
      assert.ok(args.includes(arg), `${arg} in ${args.join(' ')}`);
    assert.equal(args.at(-1), '/g/job.sh');
  });

  test('a gang Slurm cannot allocate exactly says why', () => {
    assert.match(String(planGang([task(0), task(1), task(2)], ['a', 'a', 'b'])), /different numbers/);
    assert.match(String(planGang([task(0), task(1, { memoryMiB: 1 })], ['a', 'b'])), /different resources/);
    const share = { index: 0, memoryMiB: 1024, computePercent: 30, whole: false };
    const shares = [task(0, { devices: [share] }), task(1, { devices: [share] })];
    assert.match(String(planGang(shares, ['a', 'a'])), /shares/);
    assert.ok(typeof planGang(shares, ['a', 'b']) !== 'string');
  });

  test('the batch script only names fixed paths; the command stays in task.json', () => {
    const layout = planGang([task(0), task(1)], ['a', 'a']);
    assert.ok(typeof layout !== 'string');
    const script = gangScript({
      srunPath: 'srun',
      nodePath: '/usr/bin/node',
      wrapperPath: "/opt/j'unction/slurm-task.js",
      gangFilePath: '/g/gang.json',
      layout,
      cpusPerTask: 2,
    });
    assert.match(script, /exec 'srun' '--ntasks=2' '--ntasks-per-node=2' '--cpus-per-task=2' '--kill-on-bad-exit=0'/);
    assert.match(script, /'\/opt\/j'"'"'unction\/slurm-task.js' '--gang' '\/g\/gang.json'\n$/);
    assert.doesNotMatch(script, /train/);
  });

  test('handles: a plain job id, or job id and replica', () => {
    assert.equal(gangHandle('42', 1), '42:1');
    assert.deepEqual(parseHandle('42:1'), { jobId: '42', replica: 1 });
    assert.deepEqual(parseHandle('42'), { jobId: '42' });
    for (const bad of ['', '42:', 'x:1', '42:1:2', '42;1']) assert.equal(parseHandle(bad), undefined);
  });
});
