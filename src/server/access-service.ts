/**
 * Tenants and API tokens, kept in memory and written through to the store. Authentication is a
 * map lookup plus one SHA-256, so it costs nothing next to a request. On first start the embedded
 * default gets tenant `default` and an admin token, written to `<data>/admin-token` (mode 0600)
 * for the CLI on the same machine to find.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tenantNameProblem, userNameProblem } from '../access/names.js';
import { newToken } from '../access/tokens.js';
import { ROLES, type Role, type TenantRecord, type TokenRecord } from '../access/types.js';
import { checkToken, type TokenCheck } from '../access/verify.js';
import type { Store } from '../store/types.js';

export const ADMIN_TOKEN_FILE = 'admin-token';
export const DEFAULT_TENANT = 'default';
/** lastUsedAt is written back at most this often per token. */
const TOUCH_EVERY_MS = 60_000;

export class AccessError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AccessError';
  }
}

export interface IssueTokenInput {
  tenant: string;
  user: string;
  role: Role;
  name?: string;
  /** Days until it expires; omitted = never. */
  expiresInDays?: number;
  requestsPerMinute?: number;
  maxBodyBytes?: number;
}

export class AccessService {
  private readonly tenants = new Map<string, TenantRecord>();
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly touched = new Map<string, number>();

  private constructor(
    private readonly store: Store,
    private readonly clock: () => number,
  ) {}

  static async open(store: Store, clock: () => number = Date.now): Promise<AccessService> {
    const service = new AccessService(store, clock);
    for (const t of await store.listTenants()) service.tenants.set(t.name, t);
    for (const t of await store.listTokens()) service.tokens.set(t.id, t);
    return service;
  }

  private now(): string {
    return new Date(this.clock()).toISOString();
  }

  /**
   * Makes sure the default tenant exists and an admin can get in: when the data dir has no
   * working admin token, issues one and writes it there. Returns the file's path.
   */
  async bootstrap(dataDir: string): Promise<{ path: string; created: boolean }> {
    if (!this.tenants.has(DEFAULT_TENANT))
      await this.createTenant({ name: DEFAULT_TENANT, displayName: 'Default tenant' });
    const path = join(dataDir, ADMIN_TOKEN_FILE);
    if (existsSync(path)) {
      const check = this.authenticate(readFileSync(path, 'utf8').trim());
      if (check.ok && check.principal.role === 'admin') return { path, created: false };
    }
    const { token } = await this.issueToken({
      tenant: DEFAULT_TENANT,
      user: 'admin',
      role: 'admin',
      name: 'bootstrap',
    });
    writeFileSync(path, `${token}\n`, { mode: 0o600 });
    return { path, created: true };
  }

  authenticate(presented: string): TokenCheck {
    const check = checkToken(presented, (id) => this.tokens.get(id), new Date(this.clock()));
    if (check.ok) this.touch(check.principal.tokenId);
    return check;
  }

  private touch(id: string): void {
    const now = this.clock();
    if (now - (this.touched.get(id) ?? 0) < TOUCH_EVERY_MS) return;
    this.touched.set(id, now);
    const record = this.tokens.get(id);
    if (!record) return;
    record.lastUsedAt = new Date(now).toISOString();
    // Best effort: a lost lastUsedAt write must never fail the request that caused it.
    this.store.commit({ tokens: [record] }).catch(() => {});
  }

  listTenants(): TenantRecord[] {
    return [...this.tenants.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  getTenant(name: string): TenantRecord | undefined {
    return this.tenants.get(name);
  }

  async createTenant(input: { name: string; displayName?: string }): Promise<TenantRecord> {
    const problem = tenantNameProblem(input.name);
    if (problem) throw new AccessError(400, 'invalid_request', `name: ${problem}`);
    if (this.tenants.has(input.name))
      throw new AccessError(409, 'conflict', `tenant ${input.name} exists already; choose another name`);
    const tenant: TenantRecord = {
      name: input.name,
      displayName: input.displayName?.trim() || input.name,
      createdAt: this.now(),
    };
    await this.store.commit({ tenants: [tenant] });
    this.tenants.set(tenant.name, tenant);
    return tenant;
  }

  /** Issues a token; the returned `token` is the only time the secret exists outside its owner. */
  async issueToken(input: IssueTokenInput): Promise<{ token: string; record: TokenRecord }> {
    if (!this.tenants.has(input.tenant))
      throw new AccessError(404, 'not_found', `tenant: no tenant ${input.tenant}; create it first`);
    const userProblem = userNameProblem(input.user);
    if (userProblem) throw new AccessError(400, 'invalid_request', `user: ${userProblem}`);
    if (!(ROLES as readonly string[]).includes(input.role))
      throw new AccessError(400, 'invalid_request', `role: must be one of ${ROLES.join(', ')}`);
    const days = input.expiresInDays;
    if (days !== undefined && !(days > 0 && days <= 3650))
      throw new AccessError(400, 'invalid_request', 'expiresInDays: must be a number of days between 0 and 3650');
    const { id, token, hash } = newToken();
    const record: TokenRecord = {
      id,
      tenant: input.tenant,
      user: input.user,
      role: input.role,
      name: input.name?.trim() || 'token',
      hash,
      createdAt: this.now(),
      expiresAt: days === undefined ? null : new Date(this.clock() + days * 86_400_000).toISOString(),
      revokedAt: null,
      lastUsedAt: null,
      requestsPerMinute: input.requestsPerMinute ?? null,
      maxBodyBytes: input.maxBodyBytes ?? null,
    };
    await this.store.commit({ tokens: [record] });
    this.tokens.set(id, record);
    return { token, record };
  }

  listTokens(tenant?: string): TokenRecord[] {
    return [...this.tokens.values()].filter((t) => tenant === undefined || t.tenant === tenant);
  }

  getToken(id: string): TokenRecord | undefined {
    return this.tokens.get(id);
  }

  /** Revokes a token; idempotent (the first revocation time is kept). */
  async revokeToken(id: string): Promise<TokenRecord> {
    const record = this.tokens.get(id);
    if (!record) throw new AccessError(404, 'not_found', `no token ${id}`);
    if (record.revokedAt === null) {
      const next = { ...record, revokedAt: this.now() };
      await this.store.commit({ tokens: [next] });
      this.tokens.set(id, next);
      return next;
    }
    return record;
  }
}

/** What a token looks like to its readers: everything but the hash. */
export function tokenView(t: TokenRecord) {
  const { hash: _hash, ...view } = t;
  return view;
}
