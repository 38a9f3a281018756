/**
 * The typed API client every page uses: same origin, /api/v1, `Authorization: Bearer <token>`.
 * Errors become ApiError with the server's code, message and field issues.
 */
import type {
  ApiError as ApiErrorBody,
  AuditRecord,
  Bill,
  CompiledJobSpec,
  EventView,
  Explanation,
  JobList,
  JobView,
  NewToken,
  NodeView,
  Page,
  Plan,
  QueueConfig,
  QueueView,
  ResourceAmounts,
  SiteView,
  SpecIssue,
  Tenant,
  TenantRecord,
  TokenInfo,
  UsageReport,
  WhoAmI,
} from './types';

export const API = '/api/v1';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: SpecIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

export function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function errorFrom(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: ApiErrorBody };
    if (body.error) return new ApiError(response.status, body.error.code, body.error.message, body.error.issues ?? []);
  } catch {
    // not JSON: fall through
  }
  const message = text.trim() || `${response.status} ${response.statusText}`;
  return new ApiError(response.status, response.status === 401 ? 'unauthorized' : 'http_error', message);
}

export interface RequestOptions {
  method?: string;
  query?: Query;
  /** JSON-encoded unless `yaml` is set. */
  json?: unknown;
  yaml?: string;
  signal?: AbortSignal;
}

export class Client {
  /** Called on any 401 from a signed-in client (expired or revoked token). */
  onUnauthorized: (() => void) | undefined;

  constructor(readonly token: string) {}

  async raw(path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    let body: string | undefined;
    if (options.yaml !== undefined) {
      headers['content-type'] = 'application/yaml';
      body = options.yaml;
    } else if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    let response: Response;
    try {
      response = await fetch(`${API}${path}${queryString(options.query)}`, {
        method: options.method ?? (body === undefined ? 'GET' : 'POST'),
        headers,
        body,
        signal: options.signal,
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(0, 'unreachable', `the server did not answer (${(error as Error).message})`);
    }
    if (!response.ok) {
      const error = await errorFrom(response);
      if (response.status === 401) this.onUnauthorized?.();
      throw error;
    }
    return response;
  }

  async json<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.raw(path, options);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  async text(path: string, options: RequestOptions = {}): Promise<{ text: string; type: string }> {
    const response = await this.raw(path, options);
    return { text: await response.text(), type: response.headers.get('content-type') ?? '' };
  }

  // Identity
  whoami = () => this.json<WhoAmI>('/whoami');

  // Cluster
  sites = () => this.json<Page<SiteView>>('/sites');
  nodes = () => this.json<Page<NodeView>>('/nodes');
  queues = () => this.json<Page<QueueView>>('/queues');

  // Jobs
  jobs = (query: { phase?: string; queue?: string; name?: string; tenant?: string; limit?: number; cursor?: string }) =>
    this.json<JobList>('/jobs', { query });
  job = (id: string) => this.json<JobView>(`/jobs/${encodeURIComponent(id)}`);
  events = (id: string) => this.json<Page<EventView>>(`/jobs/${encodeURIComponent(id)}/events`);
  explain = (id: string) => this.json<Explanation>(`/jobs/${encodeURIComponent(id)}/explain`);
  cancel = (id: string) => this.json<JobView>(`/jobs/${encodeURIComponent(id)}/cancel`, { method: 'POST' });
  /** The log stream of one replica; with follow it ends when the job ends. */
  logs = (id: string, replica: number, follow: boolean, signal: AbortSignal) =>
    this.raw(`/jobs/${encodeURIComponent(id)}/logs`, { query: { follow, replica }, signal });

  // Specs
  validate = (yaml: string, signal?: AbortSignal) =>
    this.json<{ valid: true; spec: CompiledJobSpec }>('/spec/validate', { method: 'POST', yaml, signal });
  submit = (yaml: string) => this.json<JobView>('/jobs', { method: 'POST', yaml });
  plan = (yaml: string) => this.json<Plan>('/plan', { method: 'POST', yaml });

  // Adaptation center
  /** JSON where the server offers `format=json`, else the padded text table. */
  compatMatrix = () => this.text('/compat/matrix', { query: { format: 'json' } });

  // Usage and bills
  usage = (query: { from: string; to: string; by: string; tenant?: string }) =>
    this.json<UsageReport>('/usage', { query });
  bill = (tenant: string, period: string) => this.json<Bill>('/bills', { query: { tenant, period } });
  billCsv = (tenant: string, period: string) => this.raw('/bills', { query: { tenant, period, format: 'csv' } });
  /** A provider's earnings on its sites (same shape as a bill, kind 'provider'). */
  payout = (provider: string, period: string) => this.json<Bill>('/payouts', { query: { provider, period } });
  payoutCsv = (provider: string, period: string) =>
    this.raw('/payouts', { query: { provider, period, format: 'csv' } });

  // Administration
  tenants = () => this.json<Page<Tenant>>('/tenants');
  /** The new tenant with its first queue. */
  createTenant = (body: { name: string; displayName?: string }) =>
    this.json<TenantRecord & { queues: QueueConfig[] }>('/tenants', { method: 'POST', json: body });
  tenantQueues = (tenant: string) => this.json<Page<QueueConfig>>(`/tenants/${encodeURIComponent(tenant)}/queues`);
  putQueue = (
    tenant: string,
    queue: string,
    body: { weight: number; quota: ResourceAmounts; limit?: ResourceAmounts },
  ) =>
    this.json<QueueConfig>(`/tenants/${encodeURIComponent(tenant)}/queues/${encodeURIComponent(queue)}`, {
      method: 'PUT',
      json: body,
    });
  tokens = () => this.json<Page<TokenInfo>>('/tokens');
  createToken = (body: { tenant: string; user: string; role: string; name?: string; expiresInDays?: number }) =>
    this.json<NewToken>('/tokens', { method: 'POST', json: body });
  revokeToken = (id: string) => this.json<unknown>(`/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
  audit = (limit = 100) => this.json<Page<AuditRecord>>('/audit', { query: { limit } });
}

/** Checks a token without a client: used by the sign-in form. */
export async function whoamiWith(token: string): Promise<WhoAmI> {
  return new Client(token).whoami();
}

export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
