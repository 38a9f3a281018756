/**
 * The few Kubernetes API calls the backend makes, through @kubernetes/client-node, with "not found" and
 * "already exists" turned into values where the backend expects them.
 */
import { PassThrough } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import {
  ApiException,
  BatchV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  Log,
  type V1Job,
  type V1Node,
  type V1Pod,
} from '@kubernetes/client-node';
import { CONTAINER_NAME } from './names.js';
import { PODGROUP_API, type PodGroup } from './podgroup.js';

/** A KubeConfig, a kubeconfig file path, or absent: $KUBECONFIG, ~/.kube/config, then the in-cluster account. */
export function loadKubeConfig(source?: KubeConfig | string): KubeConfig {
  if (source instanceof KubeConfig) return source;
  const kc = new KubeConfig();
  if (source === undefined) kc.loadFromDefault();
  else kc.loadFromFile(source);
  return kc;
}

export function isApiStatus(error: unknown, code: number): boolean {
  return error instanceof ApiException && error.code === code;
}

export class ClusterApi {
  readonly #kc: KubeConfig;
  readonly #core: CoreV1Api;
  readonly #batch: BatchV1Api;
  readonly #custom: CustomObjectsApi;
  readonly #namespace: string;

  constructor(kc: KubeConfig, namespace: string) {
    this.#kc = kc;
    this.#core = kc.makeApiClient(CoreV1Api);
    this.#batch = kc.makeApiClient(BatchV1Api);
    this.#custom = kc.makeApiClient(CustomObjectsApi);
    this.#namespace = namespace;
  }

  async listNodes(): Promise<V1Node[]> {
    return (await this.#core.listNode()).items;
  }

  async listPods(labelSelector: string): Promise<V1Pod[]> {
    return (await this.#core.listNamespacedPod({ namespace: this.#namespace, labelSelector })).items;
  }

  async listJobs(labelSelector: string): Promise<V1Job[]> {
    return (await this.#batch.listNamespacedJob({ namespace: this.#namespace, labelSelector })).items;
  }

  /** Resolves to false when an object of that name already exists. */
  createPod(body: V1Pod): Promise<boolean> {
    return created(this.#core.createNamespacedPod({ namespace: this.#namespace, body }));
  }

  createJob(body: V1Job): Promise<boolean> {
    return created(this.#batch.createNamespacedJob({ namespace: this.#namespace, body }));
  }

  createPodGroup(body: PodGroup): Promise<boolean> {
    return created(this.#custom.createNamespacedCustomObject({ ...PODGROUP_API, namespace: this.#namespace, body }));
  }

  /** Resolves to false when there was nothing to delete. The pod's own grace period applies. */
  deletePod(name: string): Promise<boolean> {
    return deleted(this.#core.deleteNamespacedPod({ name, namespace: this.#namespace }));
  }

  /** Deletes the Job and, in the background, its pods (the API's default for Jobs would orphan them). */
  deleteJob(name: string): Promise<boolean> {
    return deleted(
      this.#batch.deleteNamespacedJob({ name, namespace: this.#namespace, propagationPolicy: 'Background' }),
    );
  }

  /** The log so far; empty while the container has not started or when the pod is gone. */
  async readLog(pod: string): Promise<string> {
    try {
      return await this.#core.readNamespacedPodLog({
        name: pod,
        namespace: this.#namespace,
        container: CONTAINER_NAME,
      });
    } catch (error) {
      if (isApiStatus(error, 400) || isApiStatus(error, 404)) return '';
      throw error;
    }
  }

  /**
   * Opens a followed log once the server has answered, so the caller knows the stream is attached (it goes on
   * while a deleted pod's container stops). Yields until the container ends or the signal aborts.
   */
  async openLog(pod: string, signal?: AbortSignal): Promise<AsyncIterable<string>> {
    const sink = new PassThrough();
    const request = await new Log(this.#kc).log(this.#namespace, pod, CONTAINER_NAME, sink, { follow: true });
    // The client pipes the response into the sink but does not end it on abort, so the abort ends it here.
    const stop = () => {
      request.abort();
      sink.end();
    };
    if (signal?.aborted) stop();
    signal?.addEventListener('abort', stop, { once: true });
    return (async function* () {
      const decoder = new StringDecoder('utf8');
      try {
        for await (const chunk of sink) {
          const text = decoder.write(chunk as Buffer);
          if (text !== '') yield text;
        }
        const rest = decoder.end();
        if (rest !== '') yield rest;
      } finally {
        signal?.removeEventListener('abort', stop);
        request.abort();
      }
    })();
  }
}

async function created(request: Promise<unknown>): Promise<boolean> {
  try {
    await request;
    return true;
  } catch (error) {
    if (isApiStatus(error, 409)) return false;
    throw error;
  }
}

async function deleted(request: Promise<unknown>): Promise<boolean> {
  try {
    await request;
    return true;
  } catch (error) {
    if (isApiStatus(error, 404)) return false;
    throw error;
  }
}
