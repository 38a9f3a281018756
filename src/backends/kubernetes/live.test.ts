/**
 * The Kubernetes backend against a live cluster, when KUBECONFIG names one: a tiny pod is submitted, watched to
 * success and its log read, then deleted. JUNCTION_K8S_NAMESPACE (default `default`) and JUNCTION_K8S_TEST_IMAGE
 * (default busybox:1.36, which must be pullable there) adjust it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SiteInfo } from '../../cluster/types.js';
import { testTask } from '../contract-harness.js';
import type { TaskStatus } from '../types.js';
import { ClusterApi, loadKubeConfig } from './cluster-api.js';
import { createKubernetesBackend } from './kubernetes-backend.js';
import { decodeHandle } from './names.js';

const kubeconfig = process.env.KUBECONFIG;
const skip = kubeconfig ? false : 'KUBECONFIG is not set: no live cluster to run a pod on';
if (skip) console.log(`# kubernetes live test skipped: ${skip}`);

test('live cluster: a tiny pod succeeds and its log is read', { skip, timeout: 300_000 }, async () => {
  const site: SiteInfo = { name: 'live', backend: 'kubernetes', region: 'live', emulated: false };
  const namespace = process.env.JUNCTION_K8S_NAMESPACE ?? 'default';
  const backend = await createKubernetesBackend({
    site,
    namespace,
    kubeConfig: kubeconfig,
    defaultImage: process.env.JUNCTION_K8S_TEST_IMAGE ?? 'busybox:1.36',
    pollIntervalMs: 1000,
  });
  const node = (await backend.nodes()).find((n) => n.schedulable);
  assert.ok(node, 'the cluster has a schedulable node');
  const task = testTask(`live-${Date.now().toString(36)}`, site.name, node.name, {
    command: ['sh', '-c', 'echo hello from junction'],
    cpuMillis: 50,
    memoryMiB: 32,
    maxDurationSeconds: 240,
  });
  const statuses: TaskStatus[] = [];
  const ended = new Promise<TaskStatus>((resolve) => {
    backend.watch((s) => {
      statuses.push(s);
      if (s.state !== 'running') resolve(s);
    });
  });
  const { handle } = await backend.submit(task);
  try {
    const end = await ended;
    assert.equal(end.state, 'succeeded', JSON.stringify(statuses));
    assert.deepEqual(
      statuses.map((s) => s.state),
      ['running', 'succeeded'],
    );
    let text = '';
    for await (const chunk of backend.logs(task.taskId)) text += chunk;
    assert.match(text, /hello from junction/);
  } finally {
    await backend.close();
    await new ClusterApi(loadKubeConfig(kubeconfig), namespace).deletePod(decodeHandle(handle).name);
  }
});
