/**
 * Server configuration: options → defaults → validation with the field path → the compiled
 * form that the composition root uses. With no config file, Junction runs the local machine
 * as a site plus the emulated demo federation.
 */
import { z } from 'zod';
import { findModel } from '../catalog/index.js';
import type { BackendKind, NodeInfo } from '../cluster/types.js';
import type { SitePrice } from '../federation/types.js';
import { DEFAULT_PROFILE, PROFILES, type ProfileConfig } from '../scheduler/profile.js';
import type { QueueConfig, ResourceAmounts } from '../scheduler/queues.js';
import { parseCpuMillis, parseMemoryMiB, type QuantityResult } from '../spec/quantity.js';
import { resolveVendorName } from '../vendors/registry.js';
import { demoFederation } from './demo-federation.js';

export interface SiteConfig {
  name: string;
  backend: BackendKind;
  region: string;
  description?: string;
  /** Emulated sites only: the declared nodes. */
  nodes?: NodeInfo[];
  /** Slurm sites only. */
  slurm?: { partition?: string; slurmConf?: string; accounting?: boolean };
  /** Price per device-hour by catalog model id (models without one fall back to public catalog prices). */
  prices: SitePrice[];
  /** Datasets held at the site, for data locality. */
  datasets: string[];
  /** Typical wait before a job starts when the site has no free capacity, seconds. */
  queueWaitSeconds: number;
  /** Moving data to the site. */
  transfer: { gibPerSecond: number; costPerGiB: number };
  /** The partner organization (a tenant with the provider role) that runs the site; its payouts come from here. */
  provider: string;
  /** Charged per CPU core-hour and memory GiB-hour on top of devices (0 = not charged); in `currency`. */
  cpuPricePerCoreHour: number;
  memoryPricePerGiBHour: number;
  /** Currency of the CPU and memory prices (device prices carry their own). */
  currency: string;
  /** Kubernetes sites only. */
  kubernetes?: {
    namespace: string;
    kubeconfig?: string;
    gang?: 'volcano' | 'indexed-job';
    workload?: 'pod' | 'job';
    defaultImage?: string;
    volcanoQueue?: string;
  };
}

export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  /** PostgreSQL URL; absent = SQLite in the data dir. The data dir still holds the admin token and task files. */
  database?: string;
  sites: SiteConfig[];
  profile: ProfileConfig;
  /** Queues with quota, limit and weight (used by profiles with queue plugins, such as fair). */
  queues: QueueConfig[];
  /** Largest accepted request body, bytes. */
  bodyLimit: number;
  /** Requests per minute per token, by role, when the token sets none. */
  requestsPerMinute: { admin: number; provider: number; member: number; viewer: number };
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

const quantity = z.union([z.string(), z.number()]);
const name = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'must be a lowercase name like east-dcu');

const nodeGroup = z.strictObject({
  name: name.describe('node name prefix; nodes are named <site>/<name>-<i>'),
  count: z.number().int().min(1).max(10_000).default(1),
  cpu: quantity.default(64),
  memory: quantity.default('512Gi'),
  /** Nested domains below the site, outermost first; `{i}` is replaced by the node number / nodesPerDomain. */
  domain: z.string().optional(),
  nodesPerDomain: z.number().int().min(1).default(1_000_000),
  devices: z
    .strictObject({
      vendor: z.string(),
      model: z.string(),
      count: z.number().int().min(1).max(64),
      memory: quantity.optional(),
    })
    .optional(),
});

const siteSchema = z.strictObject({
  name,
  backend: z.enum(['local', 'emulated', 'slurm', 'kubernetes']),
  region: z.string().default('local'),
  prices: z
    .array(
      z.strictObject({
        model: z.string(),
        perHour: z.number().nonnegative(),
        spotPerHour: z.number().nonnegative().optional(),
        currency: z.string().default('USD'),
      }),
    )
    .default([]),
  datasets: z.array(z.string()).default([]),
  queueWaitSeconds: z.number().nonnegative().default(600),
  transfer: z
    .strictObject({
      gibPerSecond: z.number().positive().default(0.5),
      costPerGiB: z.number().nonnegative().default(0.02),
    })
    .default({ gibPerSecond: 0.5, costPerGiB: 0.02 }),
  description: z.string().optional(),
  provider: name.optional().describe('partner tenant that runs the site (default: the center, tenant "default")'),
  cpuPricePerCoreHour: z.number().nonnegative().default(0),
  memoryPricePerGiBHour: z.number().nonnegative().default(0),
  currency: z.string().default('USD'),
  nodes: z.array(nodeGroup).optional(),
  slurm: z
    .strictObject({
      partition: z.string().optional(),
      slurmConf: z.string().optional().describe('path of slurm.conf (SLURM_CONF) when not the system default'),
      accounting: z.boolean().optional().describe('read exit codes from sacct (needs slurmdbd)'),
    })
    .optional(),
  kubernetes: z
    .strictObject({
      namespace: z.string().default('default'),
      kubeconfig: z.string().optional().describe('path; default $KUBECONFIG, then ~/.kube/config, then in-cluster'),
      gang: z.enum(['volcano', 'indexed-job']).optional(),
      workload: z.enum(['pod', 'job']).optional(),
      defaultImage: z.string().optional(),
      volcanoQueue: z.string().optional(),
    })
    .optional(),
});

const resourceAmounts = z.strictObject({
  devices: z.record(z.string(), z.number().nonnegative()).optional().describe('vendor or model id → devices'),
  cpu: quantity.optional(),
  memory: quantity.optional(),
  cpuMillis: z.number().int().nonnegative().optional().describe('the API form of cpu'),
  memoryMiB: z.number().int().nonnegative().optional().describe('the API form of memory'),
});

/** A queue's terms as the API takes them (name and tenant come from the URL). */
export const queueTermsSchema = z.strictObject({
  weight: z.number().positive().default(1),
  quota: resourceAmounts.default({}),
  limit: resourceAmounts.optional(),
});

/** Compiles a queue's terms, or returns the problems, each with its field path. */
export function compileQueueTerms(
  raw: unknown,
): { ok: true; terms: Omit<QueueConfig, 'name' | 'tenant'> } | { ok: false; issues: string[] } {
  const parsed = queueTermsSchema.safeParse(raw ?? {});
  if (!parsed.success)
    return { ok: false, issues: parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`) };
  const issues: string[] = [];
  const terms = {
    weight: parsed.data.weight,
    quota: amounts(parsed.data.quota, 'quota', issues),
    ...(parsed.data.limit && { limit: amounts(parsed.data.limit, 'limit', issues) }),
  };
  return issues.length > 0 ? { ok: false, issues } : { ok: true, terms };
}

const fileSchema = z.strictObject({
  host: z.string().optional(),
  port: z.number().int().min(0).max(65535).optional(),
  data: z.string().optional(),
  database: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a PostgreSQL URL, e.g. postgres://junction@db.internal/junction')
    .optional()
    .describe('keep state in PostgreSQL instead of SQLite in the data dir'),
  sites: z.array(siteSchema).min(1).optional(),
  demo: z.boolean().default(true).describe('add the emulated demo federation'),
  scheduler: z
    .strictObject({
      profile: z.enum(Object.keys(PROFILES) as [string, ...string[]]).default('fair'),
      score: z.array(z.strictObject({ name: z.string(), weight: z.number().min(0) })).optional(),
    })
    .optional(),
  limits: z
    .strictObject({
      requestsPerMinute: z
        .strictObject({
          admin: z.number().int().positive().default(12000),
          provider: z.number().int().positive().default(1200),
          member: z.number().int().positive().default(1200),
          viewer: z.number().int().positive().default(600),
        })
        .default({ admin: 12000, provider: 1200, member: 1200, viewer: 600 }),
    })
    .optional(),
  queues: z
    .array(
      z.strictObject({
        name,
        tenant: z.string().default('default'),
        weight: z.number().positive().default(1),
        quota: resourceAmounts.default({}),
        limit: resourceAmounts.optional(),
      }),
    )
    .optional(),
});

export type ConfigFile = z.input<typeof fileSchema>;

export interface ConfigOverrides {
  host?: string;
  port?: number;
  dataDir?: string;
  database?: string;
}

/** Compiles a parsed config document plus overrides (flags, environment) into a ServerConfig. */
export function compileConfig(doc: unknown, overrides: ConfigOverrides): ServerConfig {
  const parsed = fileSchema.safeParse(doc ?? {});
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`));
  }
  const file = parsed.data;
  const issues: string[] = [];
  const sites: SiteConfig[] = [];
  const userSites = file.sites ?? [siteSchema.parse({ name: 'local', backend: 'local', region: 'local' })];
  userSites.forEach((site, i) => {
    sites.push(compileSiteEntry(site, `sites[${i}]`, issues));
  });
  if (file.demo && !file.sites?.some((s) => s.backend === 'emulated')) sites.push(...demoFederation());
  const seen = new Set<string>();
  for (const site of sites) {
    if (seen.has(site.name)) issues.push(`sites: duplicate site name "${site.name}"`);
    seen.add(site.name);
  }
  const base = PROFILES[file.scheduler?.profile ?? 'fair'] ?? DEFAULT_PROFILE;
  const profile: ProfileConfig = file.scheduler?.score ? { ...base, score: file.scheduler.score } : base;
  const queues: QueueConfig[] = (file.queues ?? []).map((q, i) => ({
    name: q.name,
    tenant: q.tenant,
    weight: q.weight,
    quota: amounts(q.quota, `queues[${i}].quota`, issues),
    ...(q.limit && { limit: amounts(q.limit, `queues[${i}].limit`, issues) }),
  }));
  if (queues.length === 0) queues.push({ name: 'default', tenant: 'default', weight: 1, quota: {} });
  if (issues.length > 0) throw new ConfigError(issues);
  return {
    host: overrides.host ?? file.host ?? '127.0.0.1',
    port: overrides.port ?? file.port ?? 8420,
    dataDir: overrides.dataDir ?? file.data ?? '.junction',
    ...((overrides.database ?? file.database) && { database: overrides.database ?? file.database }),
    sites,
    profile,
    queues,
    bodyLimit: 1024 * 1024,
    requestsPerMinute: file.limits?.requestsPerMinute ?? { admin: 12000, provider: 1200, member: 1200, viewer: 600 },
  };
}

export function compileSiteEntry(site: z.infer<typeof siteSchema>, at: string, issues: string[]): SiteConfig {
  const nodes = site.backend === 'emulated' ? compileNodes(site, at, issues) : undefined;
  if (site.backend === 'emulated' && (!nodes || nodes.length === 0)) {
    issues.push(`${at}.nodes: an emulated site needs at least one node group`);
  }
  if (site.slurm && site.backend !== 'slurm')
    issues.push(`${at}.slurm: only a site with backend slurm takes slurm settings`);
  if (site.kubernetes && site.backend !== 'kubernetes') {
    issues.push(`${at}.kubernetes: only a site with backend kubernetes takes kubernetes settings`);
  }
  const prices = site.prices.map((p, k) => {
    const model = findModel(p.model);
    if (!model) issues.push(`${at}.prices[${k}].model: unknown device model "${p.model}"`);
    return { ...p, model: model?.id ?? p.model };
  });
  return {
    name: site.name,
    backend: site.backend,
    region: site.region,
    description: site.description,
    nodes,
    prices,
    datasets: site.datasets,
    queueWaitSeconds: site.queueWaitSeconds,
    transfer: site.transfer,
    provider: site.provider ?? 'default',
    cpuPricePerCoreHour: site.cpuPricePerCoreHour,
    memoryPricePerGiBHour: site.memoryPricePerGiBHour,
    currency: site.currency,
    ...(site.slurm && { slurm: site.slurm }),
    ...(site.backend === 'kubernetes' && { kubernetes: site.kubernetes ?? { namespace: 'default' } }),
  };
}

/** One site as the API takes it (a provider registering or updating a site). */
export function compileSite(raw: unknown): { ok: true; site: SiteConfig } | { ok: false; issues: string[] } {
  const parsed = siteSchema.safeParse(raw);
  if (!parsed.success)
    return { ok: false, issues: parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`) };
  const issues: string[] = [];
  const site = compileSiteEntry(parsed.data, 'site', issues);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, site };
}

function compileNodes(site: z.infer<typeof siteSchema>, path: string, issues: string[]): NodeInfo[] {
  const nodes: NodeInfo[] = [];
  (site.nodes ?? []).forEach((group, g) => {
    const at = `${path}.nodes[${g}]`;
    const cpu = quantityOr(parseCpuMillis(group.cpu), `${at}.cpu`, issues);
    const memory = quantityOr(parseMemoryMiB(group.memory), `${at}.memory`, issues);
    let vendor: string | undefined;
    let model: string | undefined;
    let deviceMemory = 0;
    if (group.devices) {
      vendor = resolveVendorName(group.devices.vendor);
      if (!vendor) issues.push(`${at}.devices.vendor: unknown vendor "${group.devices.vendor}"`);
      const found = findModel(group.devices.model);
      if (!found) issues.push(`${at}.devices.model: unknown model "${group.devices.model}"`);
      model = found?.id;
      if (found && vendor && found.vendor !== vendor) {
        issues.push(`${at}.devices.model: ${found.id} is a ${found.vendor} model, not ${vendor}`);
      }
      deviceMemory =
        group.devices.memory !== undefined
          ? quantityOr(parseMemoryMiB(group.devices.memory), `${at}.devices.memory`, issues)
          : (found?.memoryMiB ?? 0);
      if (deviceMemory === 0 && found)
        issues.push(`${at}.devices.memory: the catalog does not know ${found.id}'s memory; set it`);
    }
    for (let i = 0; i < group.count; i++) {
      const domainIndex = Math.floor(i / group.nodesPerDomain);
      const inner = group.domain ? [`${site.name}/${group.domain.replace('{i}', String(domainIndex))}`] : [];
      nodes.push({
        name: `${site.name}/${group.name}-${i}`,
        site: site.name,
        domains: [site.name, ...inner],
        cpuMillis: cpu,
        memoryMiB: memory,
        devices:
          group.devices && vendor && model
            ? Array.from({ length: group.devices.count }, (_, index) => ({
                index,
                vendor: vendor!,
                model: model!,
                memoryMiB: deviceMemory,
                uuid: `emu-${site.name}-${group.name}-${i}-${index}`,
                healthy: true,
              }))
            : [],
        labels: { 'junction.io/emulated': 'true' },
        schedulable: true,
      });
    }
  });
  return nodes;
}

function amounts(raw: z.infer<typeof resourceAmounts>, path: string, issues: string[]): ResourceAmounts {
  const out: ResourceAmounts = {};
  if (raw.devices) {
    const devices: Record<string, number> = {};
    for (const [key, count] of Object.entries(raw.devices)) {
      const vendor = resolveVendorName(key);
      const model = vendor ? undefined : findModel(key)?.id;
      if (!vendor && !model) issues.push(`${path}.devices.${key}: not a vendor or a device model`);
      devices[vendor ?? model ?? key] = count;
    }
    out.devices = devices;
  }
  if (raw.cpu !== undefined) out.cpuMillis = quantityOr(parseCpuMillis(raw.cpu), `${path}.cpu`, issues);
  if (raw.memory !== undefined) out.memoryMiB = quantityOr(parseMemoryMiB(raw.memory), `${path}.memory`, issues);
  if (raw.cpuMillis !== undefined) out.cpuMillis = raw.cpuMillis;
  if (raw.memoryMiB !== undefined) out.memoryMiB = raw.memoryMiB;
  return out;
}

function quantityOr(result: QuantityResult, path: string, issues: string[]): number {
  if (result.ok) return result.value;
  issues.push(`${path}: ${result.error.message}`);
  return 0;
}
