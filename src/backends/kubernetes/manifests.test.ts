import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { V1EnvVar, V1Job, V1Pod } from '@kubernetes/client-node';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Pod } from 'kubernetes-models/v1/Pod';
import type { DeviceAllocation } from '../../cluster/types.js';
import type { TaskSpec } from '../types.js';
import { ManifestError, type ManifestOptions, type TaskObjects, taskManifests } from './manifests.js';
import { COMPLETION_INDEX, VOLCANO_GROUP } from './names.js';
import { podGroupSchema } from './podgroup.js';

const options: ManifestOptions = { site: 'east', namespace: 'ai', gang: 'indexed-job', workload: 'pod' };
const whole = (index: number): DeviceAllocation => ({ index, memoryMiB: 81920, computePercent: 100, whole: true });
const share: DeviceAllocation = { index: 1, memoryMiB: 12288, computePercent: 30, whole: false };

function task(overrides: Partial<TaskSpec> = {}): TaskSpec {
  return {
    taskId: 'j-abc-r0-a1',
    jobId: 'j-abc',
    replica: 0,
    replicas: 1,
    attempt: 1,
    site: 'east',
    node: 'east/gpu-node-3',
    command: ['python', 'train.py', '--epochs', '3'],
    env: { HF_HOME: '/data/hf' },
    image: 'pytorch/pytorch:2.4.1-cuda12.4-cudnn9-runtime',
    vendor: 'nvidia',
    model: 'nvidia-h100-sxm',
    devices: [whole(0), whole(1)],
    cpuMillis: 8000,
    memoryMiB: 65536,
    gracePeriodSeconds: 30,
    maxDurationSeconds: 14400,
    ...overrides,
  };
}

/** Every generated object checked offline against the Kubernetes schemas (PodGroup: Volcano's CRD fields). */
function validated(objects: TaskObjects): TaskObjects {
  if (objects.pod) new Pod(objects.pod as ConstructorParameters<typeof Pod>[0]).validate();
  if (objects.job) new Job(objects.job as ConstructorParameters<typeof Job>[0]).validate();
  if (objects.podGroup) podGroupSchema.parse(objects.podGroup);
  return objects;
}

function podOf(objects: TaskObjects): V1Pod {
  if (objects.pod) return objects.pod;
  const template = objects.job?.spec?.template;
  assert.ok(template);
  return { metadata: template.metadata, spec: template.spec };
}

function envOf(pod: V1Pod): Map<string, V1EnvVar> {
  return new Map((pod.spec?.containers[0]?.env ?? []).map((e) => [e.name, e]));
}

describe('taskManifests: one replica', () => {
  test('a Pod with the device plugin resource, CPU and memory, deadline, node and identity', () => {
    const objects = validated(taskManifests(task(), options));
    assert.deepEqual(objects.target, { kind: 'pod', name: 'junction-j-abc-r0-a1' });
    const pod = objects.pod!;
    const container = pod.spec!.containers[0]!;
    assert.equal(pod.spec?.restartPolicy, 'Never');
    assert.equal(pod.spec?.activeDeadlineSeconds, 14400);
    assert.equal(pod.spec?.terminationGracePeriodSeconds, 30);
    assert.deepEqual(container.command, ['python', 'train.py', '--epochs', '3']);
    assert.equal(container.image, 'pytorch/pytorch:2.4.1-cuda12.4-cudnn9-runtime');
    assert.deepEqual(container.resources?.limits, { cpu: '8000m', memory: '65536Mi', 'nvidia.com/gpu': '2' });
    assert.deepEqual(container.resources?.requests, { cpu: '8000m', memory: '65536Mi' });
    assert.deepEqual(
      pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms,
      [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['gpu-node-3'] }] }],
    );
    assert.equal(pod.metadata?.labels?.['junction.io/job-id'], 'j-abc');
    assert.equal(pod.metadata?.labels?.['junction.io/task-id'], 'j-abc-r0-a1');
    assert.equal(pod.metadata?.annotations?.['junction.io/task-id'], 'j-abc-r0-a1');
    const env = envOf(pod);
    assert.equal(env.get('HF_HOME')?.value, '/data/hf');
    assert.equal(env.get('JUNCTION_TASK_ID')?.value, 'j-abc-r0-a1');
    assert.equal(env.get('JUNCTION_NODE')?.value, 'east/gpu-node-3');
    assert.equal(env.get('JUNCTION_REPLICAS')?.value, '1');
    assert.equal(env.get('JUNCTION_IMAGE')?.value, 'pytorch/pytorch:2.4.1-cuda12.4-cudnn9-runtime');
  });

  test('the visible-devices variable is left to the device plugin, even when the user sets it', () => {
    const pod = podOf(validated(taskManifests(task({ env: { CUDA_VISIBLE_DEVICES: '0,1,2,3', A: 'b' } }), options)));
    const env = envOf(pod);
    assert.equal(env.has('CUDA_VISIBLE_DEVICES'), false);
    assert.equal(env.get('A')?.value, 'b');
  });

  test('a share asks HAMi for memory and cores, with its model annotation', () => {
    const pod = podOf(validated(taskManifests(task({ devices: [share] }), options)));
    assert.deepEqual(pod.spec?.containers[0]?.resources?.limits, {
      cpu: '8000m',
      memory: '65536Mi',
      'nvidia.com/gpu': '1',
      'nvidia.com/gpumem': '12288',
      'nvidia.com/gpucores': '30',
    });
    assert.equal(pod.metadata?.annotations?.['nvidia.com/use-gputype'], 'H100 80GB HBM3');
  });

  test("other vendors' names: Ascend per chip through HAMi, Hygon through its device plugin", () => {
    const ascend = podOf(
      validated(
        taskManifests(
          task({
            vendor: 'huawei',
            model: 'huawei-ascend-910b3',
            devices: [{ index: 0, memoryMiB: 16384, computePercent: 25, whole: false }],
          }),
          options,
        ),
      ),
    );
    assert.deepEqual(ascend.spec?.containers[0]?.resources?.limits, {
      cpu: '8000m',
      memory: '65536Mi',
      'huawei.com/Ascend910B3': '1',
      'huawei.com/Ascend910B3-memory': '16384',
    });
    const hygon = podOf(
      validated(taskManifests(task({ vendor: 'hygon', model: 'hygon-dcu-k100_ai', devices: [whole(0)] }), options)),
    );
    assert.equal(hygon.spec?.containers[0]?.resources?.limits?.['hygon.com/dcu'], '1');
  });

  test('a CPU-only task has no device resources', () => {
    const pod = podOf(validated(taskManifests(task({ vendor: null, model: null, devices: [] }), options)));
    assert.deepEqual(pod.spec?.containers[0]?.resources?.limits, { cpu: '8000m', memory: '65536Mi' });
  });

  test('a Job of one pod when the workload is job', () => {
    const objects = validated(taskManifests(task(), { ...options, workload: 'job' }));
    assert.deepEqual(objects.target, { kind: 'job', name: 'junction-j-abc-r0-a1' });
    assert.equal(objects.job?.spec?.backoffLimit, 0);
    assert.equal(objects.job?.spec?.template.spec?.restartPolicy, 'Never');
    assert.equal(objects.job?.spec?.template.metadata?.labels?.['junction.io/object'], 'junction-j-abc-r0-a1');
  });

  test('the image falls back to the default, and its absence is a clear error', () => {
    const pod = podOf(taskManifests(task({ image: undefined }), { ...options, defaultImage: 'busybox:1.36' }));
    assert.equal(pod.spec?.containers[0]?.image, 'busybox:1.36');
    assert.throws(() => taskManifests(task({ image: undefined }), options), ManifestError);
    assert.throws(() => taskManifests(task({ image: undefined }), options), /no container image.*defaultImage/);
  });

  test("a user's $ stays literal through Kubernetes' $(VAR) expansion", () => {
    const pod = podOf(taskManifests(task({ command: ['sh', '-c', 'echo $(HOME) $$'], env: { X: '$(Y)' } }), options));
    assert.deepEqual(pod.spec?.containers[0]?.command, ['sh', '-c', 'echo $$(HOME) $$$$']);
    assert.equal(envOf(pod).get('X')?.value, '$$(Y)');
  });

  test('long or unusual ids still give valid names and label values', () => {
    const id = `J_${'x'.repeat(80)}`;
    const objects = validated(taskManifests(task({ taskId: `${id}-r0-a1`, jobId: id }), options));
    const name = objects.pod?.metadata?.name ?? '';
    assert.ok(name.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name), name);
    for (const value of Object.values(objects.pod?.metadata?.labels ?? {})) assert.ok(value.length <= 63, value);
  });

  test('unknown vendors and inexpressible shares are refused', () => {
    assert.throws(() => taskManifests(task({ vendor: 'nobody' }), options), /unknown vendor/);
    assert.throws(
      () => taskManifests(task({ vendor: 'biren', model: null, devices: [share] }), options),
      /whole devices/,
    );
  });
});

describe('taskManifests: gangs', () => {
  const replica = (r: number) => task({ taskId: `j-abc-r${r}-a2`, replica: r, replicas: 3, attempt: 2 });

  test('volcano: a PodGroup with minMember = replicas, and pods that name it and use Volcano', () => {
    const objects = validated(taskManifests(replica(1), { ...options, gang: 'volcano', volcanoQueue: 'research' }));
    assert.equal(objects.podGroup?.spec.minMember, 3);
    assert.equal(objects.podGroup?.spec.queue, 'research');
    assert.equal(objects.podGroup?.metadata.name, 'junction-j-abc-a2');
    assert.equal(objects.pod?.spec?.schedulerName, 'volcano');
    assert.equal(objects.pod?.metadata?.annotations?.[VOLCANO_GROUP], 'junction-j-abc-a2');
    assert.equal(objects.pod?.metadata?.name, 'junction-j-abc-r1-a2');
    const again = taskManifests(replica(2), { ...options, gang: 'volcano' });
    assert.equal(again.podGroup?.metadata.name, objects.podGroup?.metadata.name, 'one PodGroup per gang attempt');
  });

  test('volcano with Job workloads: the template carries the group', () => {
    const objects = validated(taskManifests(replica(0), { ...options, gang: 'volcano', workload: 'job' }));
    assert.equal(objects.job?.spec?.template.spec?.schedulerName, 'volcano');
    assert.equal(objects.job?.spec?.template.metadata?.annotations?.[VOLCANO_GROUP], 'junction-j-abc-a2');
  });

  test('indexed-job: one Job for the gang, its index is the replica', () => {
    const objects = validated(taskManifests(replica(2), options));
    assert.deepEqual(objects.target, { kind: 'indexed-job', name: 'junction-j-abc-a2', index: 2 });
    const job = objects.job as V1Job;
    assert.equal(job.spec?.completionMode, 'Indexed');
    assert.equal(job.spec?.completions, 3);
    assert.equal(job.spec?.parallelism, 3);
    assert.deepEqual(taskManifests(replica(0), options).job, job, 'every replica asks for the same Job');
    const env = envOf(podOf(objects));
    assert.equal(
      env.get('JUNCTION_REPLICA')?.valueFrom?.fieldRef?.fieldPath,
      `metadata.annotations['${COMPLETION_INDEX}']`,
    );
    assert.equal(env.get('JUNCTION_TASK_ID')?.value, 'j-abc-r$(JUNCTION_REPLICA)-a2');
    assert.equal(env.get('JUNCTION_NODE')?.value, 'east/$(JUNCTION_KUBERNETES_NODE)');
    const names = [...env.keys()];
    assert.ok(names.indexOf('JUNCTION_REPLICA') < names.indexOf('JUNCTION_TASK_ID'), 'defined before use');
    assert.equal(podOf(objects).spec?.affinity, undefined, 'one template cannot pin each replica');
  });

  test('indexed-job refuses task ids it cannot derive per replica', () => {
    assert.throws(() => taskManifests({ ...replica(1), taskId: 'custom-id' }, options), /gang: 'volcano'/);
  });
});

describe('offline validation catches a broken manifest', () => {
  test('kubernetes-models rejects a pod without containers, zod a PodGroup without minMember', () => {
    assert.throws(() => new Pod({ metadata: { name: 'x' }, spec: {} as never }).validate());
    assert.throws(() =>
      podGroupSchema.parse({
        apiVersion: 'scheduling.volcano.sh/v1beta1',
        kind: 'PodGroup',
        metadata: { name: 'g' },
        spec: {},
      }),
    );
  });
});

describe('taskManifests: whole, share and gang jobs across vendors', () => {
  // Each case's names come from the vendor adapter, whose header cites the device plugin's docs.
  const cases = [
    { vendor: 'nvidia', model: 'nvidia-h100-sxm' },
    { vendor: 'amd', model: 'amd-instinct-mi300x' },
    { vendor: 'hygon', model: 'hygon-dcu-k100_ai' },
    { vendor: 'huawei', model: 'huawei-ascend-910b3' },
    { vendor: 'cambricon', model: 'cambricon-mlu370-x8' },
    { vendor: 'mthreads', model: 'moore-threads-mtt-s4000' },
  ];

  for (const { vendor, model } of cases) {
    test(`${vendor}: whole devices, a share where a sharing layer exists, and a gang all validate`, async () => {
      const { getVendor } = await import('../../vendors/registry.js');
      const adapter = getVendor(vendor)!;
      const wholeTask = task({ vendor, model, devices: [whole(0), whole(1)] });
      const wholePod = podOf(validated(taskManifests(wholeTask, options)));
      const expected = adapter.kubernetesResources({ count: 2, model });
      for (const [name, value] of Object.entries(expected.limits)) {
        assert.equal(wholePod.spec?.containers[0]?.resources?.limits?.[name], value, `${vendor} ${name}`);
      }
      if (adapter.shareEnforced && vendor !== 'amd') {
        const sharePod = podOf(validated(taskManifests(task({ vendor, model, devices: [share] }), options)));
        const shared = adapter.kubernetesResources({
          count: 1,
          share: { memoryMiB: 12288, computePercent: 30 },
          model,
        });
        for (const [name, value] of Object.entries(shared.limits)) {
          assert.equal(sharePod.spec?.containers[0]?.resources?.limits?.[name], value, `${vendor} share ${name}`);
        }
        for (const [name, value] of Object.entries(shared.annotations)) {
          assert.equal(sharePod.metadata?.annotations?.[name], value, `${vendor} share annotation ${name}`);
        }
      }
      const gang = validated(
        taskManifests(task({ vendor, model, replicas: 2, devices: [whole(0)] }), { ...options, gang: 'volcano' }),
      );
      assert.ok(gang.podGroup, `${vendor}: a Volcano gang has a PodGroup`);
      assert.equal(podOf(gang).spec?.schedulerName, 'volcano');
    });
  }
});
