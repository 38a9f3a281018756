/**
 * The Kubernetes backend against a stand-in for a live API server (./testing/api-stand-in.ts) on 127.0.0.1.
 * The stand-in runs each pod's command as a local child process (./testing/kubelet-stand-in.ts) rather than
 * scripting phases, so the shared backend contract checks real exit codes, output, SIGTERM/SIGKILL timing and
 * deadlines through the same API calls a cluster would answer.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { V1Node } from '@kubernetes/client-node';
import type { SiteInfo } from '../../cluster/types.js';
import { backendContract } from '../contract.js';
import { testTask } from '../contract-harness.js';
import type { Backend, TaskSpec, TaskStatus } from '../types.js';
import { createKubernetesBackend, type KubernetesBackendOptions } from './kubernetes-backend.js';
import { decodeHandle } from './names.js';
import { KubernetesApiStandIn } from './testing/api-stand-in.js';

const site: SiteInfo = { name: 'k8s', backend: 'kubernetes', region: 'test', emulated: false };

function gpuNode(name: string, gpus: number): V1Node {
  return {
    metadata: { name, labels: { 'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3', 'nvidia.com/gpu.memory': '81559' } },
    status: {
      allocatable: { cpu: '15500m', memory: '65536Mi', 'nvidia.com/gpu': String(gpus) },
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  };
}

const standIn = await KubernetesApiStandIn.start([gpuNode('gpu-0', 4)]);
after(() => standIn.close());

function make(options: Partial<KubernetesBackendOptions> = {}): Promise<Backend> {
  return createKubernetesBackend({
    site,
    namespace: 'junction-test',
    kubeConfig: standIn.kubeConfig(),
    defaultImage: 'registry.invalid/stand-in:1',
    pollIntervalMs: 50,
    ...options,
  });
}

backendContract('kubernetes (stand-in API server)', () => make(), {
  // A pod whose node died and was garbage-collected: gone from the API with no final status.
  loseTask: async (handle) => standIn.lose(decodeHandle(handle).name),
});

function spec(overrides: Partial<TaskSpec> = {}): TaskSpec {
  return testTask('kb', site.name, 'k8s/gpu-0', {
    command: [process.execPath, '-e', 'console.log(JSON.stringify(process.env))'],
    env: { USER_VAR: 'kept' },
    gracePeriodSeconds: 1,
    ...overrides,
  });
}

/** Statuses per task until every given task is terminal. */
function recordUntilDone(backend: Backend, taskIds: string[]): Promise<Map<string, TaskStatus[]>> {
  const seen = new Map<string, TaskStatus[]>(taskIds.map((id) => [id, []]));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not done: ${JSON.stringify([...seen])}`)), 10_000);
    const unwatch = backend.watch((s) => {
      seen.get(s.taskId)?.push(s);
      const done = [...seen.values()].every((list) => list.some((x) => x.state !== 'running'));
      if (done) {
        clearTimeout(timer);
        unwatch();
        resolve(seen);
      }
    });
  });
}

async function envOf(backend: Backend, taskId: string): Promise<Record<string, string>> {
  let text = '';
  for await (const chunk of backend.logs(taskId)) text += chunk;
  return JSON.parse(text) as Record<string, string>;
}

describe('kubernetes backend (stand-in API server)', () => {
  test('nodes come from the node list, with their devices', async () => {
    const backend = await make();
    const [node] = await backend.nodes();
    assert.equal(node?.name, 'k8s/gpu-0');
    assert.equal(node?.cpuMillis, 15500);
    assert.equal(node?.memoryMiB, 65536);
    assert.equal(node?.devices.length, 4);
    assert.equal(node?.devices[0]?.model, 'nvidia-h100-sxm');
    await backend.close();
  });

  test('an indexed-Job gang: one Job, each replica with its own identity', async () => {
    const backend = await make({ gang: 'indexed-job' });
    const first = spec({ replicas: 2 });
    const tasks = [0, 1].map((replica) => ({ ...first, replica, taskId: `${first.jobId}-r${replica}-a1` }));
    const done = recordUntilDone(
      backend,
      tasks.map((t) => t.taskId),
    );
    const handles = [];
    for (const t of tasks) handles.push((await backend.submit(t)).handle);
    assert.deepEqual(handles, [`indexed-job/junction-${first.jobId}-a1/0`, `indexed-job/junction-${first.jobId}-a1/1`]);
    const seen = await done;
    for (const t of tasks) {
      assert.deepEqual(
        seen.get(t.taskId)?.map((s) => s.state),
        ['running', 'succeeded'],
      );
      const env = await envOf(backend, t.taskId);
      assert.equal(env.JUNCTION_TASK_ID, t.taskId);
      assert.equal(env.JUNCTION_REPLICA, String(t.replica));
      assert.equal(env.JUNCTION_REPLICAS, '2');
      assert.equal(env.JUNCTION_NODE, 'k8s/gpu-0');
      assert.equal(env.USER_VAR, 'kept');
    }
    assert.equal(
      standIn.requests.filter((r) => r === 'POST /apis/batch/v1/namespaces/junction-test/jobs').length >= 2,
      true,
      'every replica asks; the second is told the Job exists',
    );
    assert.ok(standIn.jobs.has(`junction-${first.jobId}-a1`));
    await backend.close();
  });

  test('a Volcano gang: one PodGroup, pods scheduled by Volcano', async () => {
    const backend = await make({ gang: 'volcano' });
    const first = spec({ replicas: 2 });
    const tasks = [0, 1].map((replica) => ({ ...first, replica, taskId: `${first.jobId}-r${replica}-a1` }));
    const done = recordUntilDone(
      backend,
      tasks.map((t) => t.taskId),
    );
    for (const t of tasks) await backend.submit(t);
    await done;
    const group = standIn.podGroups.get(`junction-test/junction-${first.jobId}-a1`) as { spec: { minMember: number } };
    assert.equal(group.spec.minMember, 2);
    const pod = standIn.pods.get(`junction-${first.jobId}-r1-a1`)?.pod;
    assert.equal(pod?.spec?.schedulerName, 'volcano');
    await backend.close();
  });

  test('Job workloads run and cancel like pods', async () => {
    const backend = await make({ workload: 'job' });
    const ok = spec();
    const sleeper = spec({ command: [process.execPath, '-e', 'setTimeout(() => {}, 60_000)'] });
    const done = recordUntilDone(backend, [ok.taskId, sleeper.taskId]);
    assert.equal((await backend.submit(ok)).handle, `job/junction-${ok.taskId}`);
    await backend.submit(sleeper);
    await waitUntil(() => standIn.pods.size > 0 && [...standIn.pods.values()].some((r) => r.started));
    await backend.cancel(sleeper.taskId);
    const seen = await done;
    assert.equal(seen.get(ok.taskId)?.at(-1)?.state, 'succeeded');
    assert.equal(seen.get(sleeper.taskId)?.at(-1)?.state, 'cancelled');
    await backend.close();
  });

  test('a pod deleted behind Junction’s back is lost', async () => {
    const backend = await make();
    const task = spec({ command: [process.execPath, '-e', 'setTimeout(() => {}, 60_000)'] });
    const done = recordUntilDone(backend, [task.taskId]);
    await backend.submit(task);
    await waitUntil(() => standIn.pods.get(`junction-${task.taskId}`)?.started === true);
    standIn.lose(`junction-${task.taskId}`);
    const end = (await done).get(task.taskId)?.at(-1);
    assert.equal(end?.state, 'lost');
    assert.match(end?.message ?? '', /no longer exists/);
    await backend.close();
  });

  test('a task without an image is refused at submit and creates nothing', async () => {
    const backend = await make({ defaultImage: undefined });
    const task = spec();
    await assert.rejects(backend.submit(task), /no container image/);
    assert.equal(standIn.pods.has(`junction-${task.taskId}`), false);
    await backend.close();
  });
});

async function waitUntil(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
