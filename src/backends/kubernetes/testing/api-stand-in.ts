/**
 * Test support: a stand-in for a live Kubernetes API server, on 127.0.0.1, that speaks the few endpoints the
 * Kubernetes backend uses (list nodes; create, list, delete pods and Jobs; pod logs, followed or not; create
 * Volcano PodGroups). Pods "run" through ./kubelet-stand-in.ts as local child processes, so the backend contract
 * sees real exit codes, output and signal timing. It is not a Kubernetes: no scheduling (a pod goes to the node its
 * affinity names, else the first node), no admission, no resource versions, one flat store for every namespace.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig, type V1Job, type V1Node, type V1Pod } from '@kubernetes/client-node';
import { COMPLETION_INDEX } from '../names.js';
import { PodRun } from './kubelet-stand-in.js';

type Json = Record<string, unknown>;

export class KubernetesApiStandIn {
  readonly #server: Server;
  readonly nodes: V1Node[];
  readonly pods = new Map<string, PodRun>();
  readonly jobs = new Map<string, V1Job>();
  readonly podGroups = new Map<string, Json>();
  /** Every request, as `METHOD path`, for tests that check what the backend asked for. */
  readonly requests: string[] = [];

  private constructor(nodes: V1Node[]) {
    this.nodes = nodes;
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => send(res, 500, failure(500, String(error))));
    });
  }

  static async start(nodes: V1Node[]): Promise<KubernetesApiStandIn> {
    const standIn = new KubernetesApiStandIn(nodes);
    await new Promise<void>((resolve) => standIn.#server.listen(0, '127.0.0.1', resolve));
    return standIn;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  kubeConfig(): KubeConfig {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'stand-in', server: this.url, skipTLSVerify: true }],
      users: [{ name: 'tester', token: 'stand-in' }],
      contexts: [{ name: 'stand-in', cluster: 'stand-in', user: 'tester', namespace: 'default' }],
      currentContext: 'stand-in',
    });
    return kc;
  }

  /** A pod gone the way a dead node's pods go: the process dies and the object vanishes without a status. */
  lose(podName: string): void {
    const run = this.pods.get(podName);
    this.pods.delete(podName);
    run?.kill();
  }

  async close(): Promise<void> {
    for (const run of this.pods.values()) run.kill();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    this.requests.push(`${method} ${url.pathname}`);
    const body = method === 'POST' ? (JSON.parse(await readBody(req)) as Json) : undefined;
    const selector = url.searchParams.get('labelSelector') ?? '';

    if (url.pathname === '/api/v1/nodes') return send(res, 200, list('NodeList', this.nodes));
    const pods = /^\/api\/v1\/namespaces\/([^/]+)\/pods(?:\/([^/]+)(\/log)?)?$/.exec(url.pathname);
    if (pods !== null) {
      const [, namespace = 'default', name, log] = pods;
      if (name === undefined && method === 'GET') {
        const found = [...this.pods.values()].map((r) => r.pod).filter((p) => matches(p.metadata?.labels, selector));
        return send(res, 200, list('PodList', found));
      }
      if (name === undefined && method === 'POST') return this.#createPod(res, body as V1Pod, namespace);
      const run = name === undefined ? undefined : this.pods.get(name);
      if (run === undefined) return send(res, 404, failure(404, `pods "${name}" not found`));
      if (log !== undefined) return this.#log(res, run, url.searchParams.get('follow') === 'true');
      if (method === 'GET') return send(res, 200, run.pod);
      if (method === 'DELETE') return send(res, 200, this.#deletePod(run));
    }
    const jobs = /^\/apis\/batch\/v1\/namespaces\/([^/]+)\/jobs(?:\/([^/]+))?$/.exec(url.pathname);
    if (jobs !== null) return this.#jobs(res, method, body, jobs[1] ?? 'default', jobs[2], selector);
    const groups = /^\/apis\/scheduling\.volcano\.sh\/v1beta1\/namespaces\/([^/]+)\/podgroups$/.exec(url.pathname);
    if (groups !== null && method === 'POST') {
      const key = `${groups[1]}/${(body?.metadata as Json | undefined)?.name}`;
      if (this.podGroups.has(key)) return send(res, 409, failure(409, `podgroups "${key}" already exists`));
      this.podGroups.set(key, body ?? {});
      return send(res, 201, body);
    }
    return send(res, 404, failure(404, `no route ${method} ${url.pathname}`));
  }

  #createPod(res: ServerResponse | ServerResponseSink, pod: V1Pod, namespace: string) {
    const name = pod.metadata?.name ?? '';
    if (this.pods.has(name)) return send(res, 409, failure(409, `pods "${name}" already exists`));
    pod.metadata = { ...pod.metadata, namespace, uid: randomBytes(8).toString('hex'), creationTimestamp: new Date() };
    const run = new PodRun(pod, this.#nodeFor(pod));
    run.onEnd = () => {
      // A pod whose deletion was asked for disappears once its container has stopped.
      if (run.pod.metadata?.deletionTimestamp !== undefined && this.pods.get(name) === run) this.pods.delete(name);
      this.#updateJobs();
    };
    this.pods.set(name, run);
    send(res, 201, pod);
    setImmediate(() => {
      if (this.pods.get(name) === run && run.pod.metadata?.deletionTimestamp === undefined) run.start();
    });
  }

  #deletePod(run: PodRun): V1Pod {
    const name = run.pod.metadata?.name ?? '';
    if (run.pod.metadata?.deletionTimestamp === undefined) {
      run.pod.metadata = { ...run.pod.metadata, deletionTimestamp: new Date() };
      if (run.ended || !run.started) this.pods.delete(name);
      run.stop();
    }
    return run.pod;
  }

  #jobs(
    res: ServerResponse,
    method: string,
    body: Json | undefined,
    namespace: string,
    name: string | undefined,
    selector: string,
  ) {
    if (name === undefined && method === 'GET') {
      return send(
        res,
        200,
        list(
          'JobList',
          [...this.jobs.values()].filter((j) => matches(j.metadata?.labels, selector)),
        ),
      );
    }
    if (name === undefined && method === 'POST') {
      const job = body as V1Job;
      const jobName = job.metadata?.name ?? '';
      if (this.jobs.has(jobName)) return send(res, 409, failure(409, `jobs.batch "${jobName}" already exists`));
      job.metadata = { ...job.metadata, namespace, uid: randomBytes(8).toString('hex'), creationTimestamp: new Date() };
      job.status = { active: 0 };
      this.jobs.set(jobName, job);
      this.#startJobPods(job, namespace);
      return send(res, 201, job);
    }
    const job = name === undefined ? undefined : this.jobs.get(name);
    if (job === undefined) return send(res, 404, failure(404, `jobs.batch "${name}" not found`));
    if (method === 'GET') return send(res, 200, job);
    if (method === 'DELETE') {
      this.jobs.delete(name!);
      for (const run of [...this.pods.values()]) {
        if (run.pod.metadata?.labels?.['batch.kubernetes.io/job-name'] === name) this.#deletePod(run);
      }
      return send(res, 200, { kind: 'Status', apiVersion: 'v1', status: 'Success' });
    }
  }

  /** The Job controller's part: one pod per completion index (or one pod), named `<job>-[<index>-]<random>`. */
  #startJobPods(job: V1Job, namespace: string): void {
    const name = job.metadata?.name ?? '';
    const indexed = job.spec?.completionMode === 'Indexed';
    const count = indexed ? (job.spec?.completions ?? 1) : 1;
    for (let index = 0; index < count; index++) {
      const template = structuredClone(job.spec?.template ?? {});
      const podName = `${name}-${indexed ? `${index}-` : ''}${randomBytes(3).toString('hex')}`;
      const labels: Record<string, string> = {
        ...template.metadata?.labels,
        'batch.kubernetes.io/job-name': name,
        'job-name': name,
      };
      const annotations = { ...template.metadata?.annotations };
      if (indexed) {
        labels[COMPLETION_INDEX] = String(index);
        annotations[COMPLETION_INDEX] = String(index);
      }
      const pod: V1Pod = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { ...template.metadata, name: podName, labels, annotations },
        spec: template.spec!,
      };
      this.#createPod(new ServerResponseSink(), pod, namespace);
    }
  }

  /** Job status as the Job controller derives it from its pods (backoffLimit 0: one failed pod fails the Job). */
  #updateJobs(): void {
    for (const [name, job] of this.jobs) {
      const pods = [...this.pods.values()].filter(
        (r) => r.pod.metadata?.labels?.['batch.kubernetes.io/job-name'] === name,
      );
      const failedPod = pods.find((r) => r.pod.status?.phase === 'Failed');
      if (failedPod && !job.status?.conditions?.some((c) => c.type === 'Failed')) {
        job.status = {
          ...job.status,
          conditions: [
            {
              type: 'Failed',
              status: 'True',
              reason: 'BackoffLimitExceeded',
              message: 'Job has reached the specified backoff limit',
            },
          ],
        };
      }
    }
  }

  #nodeFor(pod: V1Pod): string {
    const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
    const wanted = terms?.[0]?.matchFields?.find((f) => f.key === 'metadata.name')?.values?.[0];
    return wanted ?? this.nodes[0]?.metadata?.name ?? 'node-0';
  }

  #log(res: ServerResponse, run: PodRun, follow: boolean) {
    if (!run.started && !run.ended) {
      return send(res, 400, failure(400, `container "task" in pod "${run.pod.metadata?.name}" is waiting to start`));
    }
    res.writeHead(200, { 'content-type': 'text/plain' });
    if (!follow) {
      res.end(run.output);
      return;
    }
    const stop = run.follow(
      (text) => res.write(text),
      () => res.end(),
    );
    res.on('close', stop);
  }
}

/** Lets the Job controller create pods through the same code as the API without an HTTP response. */
class ServerResponseSink {
  writeHead() {
    return this;
  }
  end() {}
}

function list(kind: string, items: unknown[]): Json {
  return { apiVersion: kind === 'JobList' ? 'batch/v1' : 'v1', kind, metadata: {}, items };
}

function failure(code: number, message: string): Json {
  const reason = { 400: 'BadRequest', 404: 'NotFound', 409: 'AlreadyExists' }[code] ?? 'InternalError';
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

function send(res: ServerResponse | ServerResponseSink, code: number, body: unknown): void {
  if (res instanceof ServerResponseSink) return;
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Equality-based selectors only (`a=b,c=d`), which is all the backend uses. */
function matches(labels: Record<string, string> | undefined, selector: string): boolean {
  if (selector === '') return true;
  return selector.split(',').every((term) => {
    const [key = '', value] = term.split('=');
    return labels?.[key] === value;
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}
