/**
 * A small typed client for the REST API under /api/v1 (see ../server/api-types.ts), over global fetch.
 *
 * Contract:
 * - Every non-2xx answer becomes an `ApiClientError` carrying the server's `ApiError` (status, code,
 *   message, issues); an answer that is not Junction's error shape still becomes one, with code `http_<status>`.
 * - A request that never got an answer (refused, DNS, reset) becomes a `ServerUnreachableError`.
 * - An aborted request rejects with the signal's reason, untouched.
 */
import type {
  ApiError,
  EventList,
  Explanation,
  JobList,
  JobView,
  NodeList,
  QueueList,
  SiteList,
} from '../server/api-types.js';
import type { SpecIssue } from '../spec/types.js';
import type { JobPhase } from '../store/types.js';

export class ApiClientError extends Error {
  override readonly name = 'ApiClientError';
  readonly status: number;
  readonly code: string;
  readonly issues: readonly SpecIssue[];

  constructor(status: number, error: ApiError) {
    super(error.message);
    this.status = status;
    this.code = error.code;
    this.issues = error.issues ?? [];
  }
}

export class ServerUnreachableError extends Error {
  override readonly name = 'ServerUnreachableError';
  readonly server: string;

  constructor(server: string, detail: string, options?: { cause?: unknown }) {
    super(`cannot reach the server at ${server}: ${detail}`, options);
    this.server = server;
  }
}

export interface JobListQuery {
  phases?: JobPhase[];
  queue?: string;
  name?: string;
  /** `key=value` pairs; a job must carry all of them. */
  labels?: string[];
  limit?: number;
  cursor?: string;
}

export interface LogsQuery {
  follow?: boolean;
  replica?: number;
  signal?: AbortSignal;
}

export interface CompatImportResult {
  revision: number;
  added: number;
  updated: number;
  conflicts: { key: string; kept: string }[];
}

export interface CompatResolution {
  revision: number;
  options: {
    model: string;
    vendor: string;
    stack: string;
    stackVersion: string;
    status: string;
    explanation: string;
    evidence: string;
    throughput: { value: number; estimated: boolean };
  }[];
  refused: { model: string; reason: string }[];
}

export interface PlanView {
  ranked: {
    site: string;
    region: string;
    model: string;
    vendor: string;
    feasible: boolean;
    reason: string;
    prediction?: {
      start: number;
      end: number;
      durationSeconds: number;
      cost: number;
      currency: string;
      pricePerHour: number;
    };
  }[];
  chosen?: { site: string; model: string };
  refusal?: string;
  notes: string[];
  objective: 'cost' | 'time';
}

export interface ProbeResult {
  jobId: string;
  probe: string;
  outcome: 'pass' | 'fail';
  key: { model: string; stack: string; stackVersion: string; framework: string; frameworkVersion: string };
  evidence: { output?: string; measured?: { metric: string; value: number; unit: string } };
  verdict?: { status: string };
  revision: number;
}

type Query = Record<string, string | number | boolean | string[] | undefined>;

interface RequestOptions {
  query?: Query;
  body?: string;
  contentType?: string;
  signal?: AbortSignal;
}

export class ApiClient {
  readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly token: string | undefined;

  /** `baseUrl` is the server's root, e.g. `http://127.0.0.1:8420`; a trailing slash is ignored. */
  constructor(baseUrl: string, fetchImpl: typeof fetch = fetch, token?: string) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.fetchImpl = fetchImpl;
    this.token = token;
  }

  /** GET with JSON answer, for commands without a typed method. */
  getJson<T>(path: string, query?: Query): Promise<T> {
    return this.json<T>('GET', path, query ? { query } : {});
  }

  /** A request with a JSON body and JSON answer. */
  sendJson<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
    return this.json<T>(method, path, {
      ...(body !== undefined && { body: JSON.stringify(body), contentType: 'application/json' }),
    });
  }

  /** GET as text (CSV, plain-text matrices). */
  async getText(path: string, query?: Query): Promise<string> {
    return (await this.request('GET', path, query ? { query } : {})).text();
  }

  /** POST /api/v1/jobs with the spec text as given; `contentType` is application/yaml or application/json. */
  submitJob(specText: string, contentType: string): Promise<JobView> {
    return this.json<JobView>('POST', '/api/v1/jobs', { body: specText, contentType });
  }

  listJobs(query: JobListQuery = {}): Promise<JobList> {
    return this.json<JobList>('GET', '/api/v1/jobs', {
      query: {
        phase: query.phases?.join(','),
        queue: query.queue,
        name: query.name,
        label: query.labels,
        limit: query.limit,
        cursor: query.cursor,
      },
    });
  }

  getJob(id: string, signal?: AbortSignal): Promise<JobView> {
    return this.json<JobView>('GET', `/api/v1/jobs/${encodeURIComponent(id)}`, { signal });
  }

  cancelJob(id: string): Promise<JobView> {
    return this.json<JobView>('POST', `/api/v1/jobs/${encodeURIComponent(id)}/cancel`);
  }

  /**
   * GET /api/v1/jobs/:id/logs. Resolves once the server has answered (so a 404 rejects here),
   * to the body as text chunks in arrival order; with `follow` the chunks keep coming while the job runs.
   */
  async logs(id: string, query: LogsQuery = {}): Promise<AsyncIterable<string>> {
    const response = await this.request('GET', `/api/v1/jobs/${encodeURIComponent(id)}/logs`, {
      query: { follow: query.follow ? 'true' : undefined, replica: query.replica },
      signal: query.signal,
    });
    return textChunks(response, this.baseUrl);
  }

  events(id: string, afterSeq?: number, signal?: AbortSignal): Promise<EventList> {
    return this.json<EventList>('GET', `/api/v1/jobs/${encodeURIComponent(id)}/events`, {
      query: { afterSeq },
      signal,
    });
  }

  explain(id: string): Promise<Explanation> {
    return this.json<Explanation>('GET', `/api/v1/jobs/${encodeURIComponent(id)}/explain`);
  }

  nodes(): Promise<NodeList> {
    return this.json<NodeList>('GET', '/api/v1/nodes');
  }

  sites(): Promise<SiteList> {
    return this.json<SiteList>('GET', '/api/v1/sites');
  }

  queues(): Promise<QueueList> {
    return this.json<QueueList>('GET', '/api/v1/queues');
  }

  specSchema(): Promise<unknown> {
    return this.json<unknown>('GET', '/api/v1/spec/schema');
  }

  /** GET /api/v1/compat/matrix: the compatibility matrix as the server renders it. */
  compatMatrix(): Promise<string> {
    return this.text('GET', '/api/v1/compat/matrix');
  }

  /** GET /api/v1/compat/kb: the knowledge base as stable JSON text, for another adaptation center. */
  compatExport(): Promise<string> {
    return this.text('GET', '/api/v1/compat/kb');
  }

  compatImport(json: string): Promise<CompatImportResult> {
    return this.json<CompatImportResult>('POST', '/api/v1/compat/kb', { body: json, contentType: 'application/json' });
  }

  compatExplain(specText: string, contentType: string): Promise<CompatResolution> {
    return this.json<CompatResolution>('POST', '/api/v1/compat/explain', { body: specText, contentType });
  }

  compatCertificate(model: string, format: 'markdown' | 'html'): Promise<string> {
    return this.text('GET', `/api/v1/compat/certificates/${encodeURIComponent(model)}`, { query: { format } });
  }

  compatProbe(request: { site: string; node: string; probe?: string; failCheck?: string }): Promise<ProbeResult> {
    return this.json<ProbeResult>('POST', '/api/v1/compat/probes', {
      body: JSON.stringify(request),
      contentType: 'application/json',
    });
  }

  /** POST /api/v1/plan: the ranked sites and models for a spec (federation). */
  plan(specText: string, contentType: string): Promise<PlanView> {
    return this.json<PlanView>('POST', '/api/v1/plan', { body: specText, contentType });
  }

  private async text(method: string, path: string, options?: RequestOptions): Promise<string> {
    return (await this.request(method, path, options)).text();
  }

  private url(path: string, query: Query | undefined): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const item of value) params.append(key, item);
      else params.set(key, String(value));
    }
    const search = params.toString();
    return `${this.baseUrl}${path}${search ? `?${search}` : ''}`;
  }

  private async request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.contentType) headers['content-type'] = options.contentType;
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let response: Response;
    try {
      response = await this.fetchImpl(this.url(path, options.query), {
        method,
        headers,
        body: options.body,
        signal: options.signal,
      });
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      throw new ServerUnreachableError(this.baseUrl, describeFetchFailure(error), { cause: error });
    }
    if (!response.ok) throw await toApiClientError(response);
    return response;
  }

  private async json<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
    const response = await this.request(method, path, options);
    const text = await response.text();
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new Error(`the server at ${this.baseUrl} did not answer with JSON; is it a Junction server?`, {
        cause: error,
      });
    }
  }
}

/** undici reports every network failure as `TypeError: fetch failed` with the real reason in `cause`. */
function describeFetchFailure(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause && typeof cause === 'object') {
    const code = 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
    const message = 'message' in cause && typeof cause.message === 'string' ? cause.message : undefined;
    if (code) return code;
    if (message) return message;
  }
  return error instanceof Error ? error.message : String(error);
}

function isApiErrorBody(value: unknown): value is { error: ApiError } {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = value.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

async function toApiClientError(response: Response): Promise<ApiClientError> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined; // Not JSON (a proxy's HTML page, say): fall through to the generic shape below.
  }
  if (isApiErrorBody(body)) return new ApiClientError(response.status, body.error);
  const snippet = text.trim().slice(0, 200);
  const message = `${response.status} ${response.statusText}${snippet ? `: ${snippet}` : ''}`;
  return new ApiClientError(response.status, { code: `http_${response.status}`, message });
}

async function* textChunks(response: Response, server: string): AsyncGenerator<string> {
  if (!response.body) return;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let settled = false;
  try {
    for (;;) {
      let result: Awaited<ReturnType<typeof reader.read>>;
      try {
        result = await reader.read();
      } catch (error) {
        settled = true;
        if (error instanceof Error && error.name === 'AbortError') throw error;
        throw new ServerUnreachableError(server, `connection lost while streaming (${describeFetchFailure(error)})`, {
          cause: error,
        });
      }
      if (result.done) {
        settled = true;
        const tail = decoder.decode();
        if (tail) yield tail;
        return;
      }
      const text = decoder.decode(result.value, { stream: true });
      if (text) yield text;
    }
  } finally {
    // The consumer stopped early: close the connection instead of leaving it open.
    if (!settled) await reader.cancel();
  }
}
