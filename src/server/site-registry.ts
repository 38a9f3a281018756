/**
 * Sites that partner providers register and update through the API. Each registered site's body
 * is kept as a revision of one stored document, so every price change is on record and the sites
 * come back after a restart. A site's task is priced when it is placed (see pricing.ts), so a
 * price change never reprices work already running.
 *
 * Only a site's terms may change after registration (prices, datasets, queue wait, transfer,
 * description); its backend and nodes are fixed: register a new site for new hardware.
 */
import type { Principal } from '../access/types.js';
import type { Backend } from '../backends/types.js';
import type { SiteInfo } from '../cluster/types.js';
import type { Store } from '../store/types.js';
import { AccessError } from './access-service.js';
import { compileSite, type SiteConfig } from './config.js';

export const SITES_DOCUMENT = 'registered-sites';

/** Fields a PUT may change. */
const TERMS = [
  'prices',
  'datasets',
  'queueWaitSeconds',
  'transfer',
  'description',
  'cpuPricePerCoreHour',
  'memoryPricePerGiBHour',
  'currency',
] as const;

export interface SiteRegistryDeps {
  store: Store;
  /** The live lists every part reads (federation, pricing, metering, the API): changed in place. */
  configs: SiteConfig[];
  infos: SiteInfo[];
  open: (site: SiteConfig, info: SiteInfo) => Promise<Backend>;
  attach: (site: string, backend: Backend) => Promise<void>;
  info: (site: SiteConfig) => SiteInfo;
  clock?: () => number;
}

type Raw = Record<string, unknown>;

export class SiteRegistry {
  private bodies: Raw[] = [];
  private revision = 0;

  constructor(private readonly deps: SiteRegistryDeps) {}

  get currentRevision(): number {
    return this.revision;
  }

  /** Brings back the sites registered before a restart. */
  async load(): Promise<void> {
    const doc = await this.deps.store.latestDocument(SITES_DOCUMENT);
    if (!doc) return;
    this.revision = doc.revision;
    this.bodies = JSON.parse(doc.body) as Raw[];
    for (const body of this.bodies) {
      const compiled = compileSite(body);
      if (compiled.ok) await this.activate(compiled.site);
    }
  }

  isRegistered(name: string): boolean {
    return this.bodies.some((b) => b.name === name);
  }

  async register(raw: Raw, caller: Principal): Promise<SiteConfig> {
    const body: Raw = { ...raw, provider: this.providerFor(raw, caller) };
    if (body.backend === 'local')
      throw new AccessError(
        400,
        'invalid_request',
        "backend: local is the server's own machine; set it in the config file",
      );
    const compiled = compileSite(body);
    if (!compiled.ok) throw new AccessError(400, 'invalid_request', compiled.issues.join('; '));
    if (this.deps.configs.some((s) => s.name === compiled.site.name))
      throw new AccessError(409, 'conflict', `site ${compiled.site.name} exists already; choose another name`);
    await this.save([...this.bodies, body]);
    await this.activate(compiled.site);
    return compiled.site;
  }

  /** Changes a registered site's terms; another provider's site answers 404. */
  async update(name: string, raw: Raw, caller: Principal): Promise<SiteConfig> {
    const index = this.bodies.findIndex((b) => b.name === name);
    const current = this.bodies[index];
    if (!current || (caller.role !== 'admin' && current.provider !== caller.tenant))
      throw new AccessError(404, 'not_found', `no registered site ${name} of yours`);
    const fixed = Object.keys(raw).filter((k) => !(TERMS as readonly string[]).includes(k) && k !== 'name');
    if (fixed.length > 0)
      throw new AccessError(
        400,
        'invalid_request',
        `${fixed[0]}: cannot change after registration (only ${TERMS.join(', ')}); register a new site instead`,
      );
    const body = { ...current, ...raw, name };
    const compiled = compileSite(body);
    if (!compiled.ok) throw new AccessError(400, 'invalid_request', compiled.issues.join('; '));
    await this.save(this.bodies.map((b, i) => (i === index ? body : b)));
    const at = this.deps.configs.findIndex((s) => s.name === name);
    // Nodes stay those the running backend was built with.
    this.deps.configs[at] = { ...compiled.site, nodes: this.deps.configs[at]!.nodes };
    const info = this.deps.infos.findIndex((s) => s.name === name);
    this.deps.infos[info] = this.deps.info(compiled.site);
    return this.deps.configs[at]!;
  }

  private providerFor(raw: Raw, caller: Principal): string {
    if (caller.role === 'admin') return typeof raw.provider === 'string' ? raw.provider : caller.tenant;
    if (raw.provider !== undefined && raw.provider !== caller.tenant)
      throw new AccessError(400, 'invalid_request', `provider: you register sites for ${caller.tenant} only`);
    return caller.tenant;
  }

  private async activate(site: SiteConfig): Promise<void> {
    const info = this.deps.info(site);
    const backend = await this.deps.open(site, info);
    this.deps.configs.push(site);
    this.deps.infos.push(info);
    await this.deps.attach(site.name, backend);
  }

  private async save(bodies: Raw[]): Promise<void> {
    const revision = this.revision + 1;
    await this.deps.store.commit({
      documents: [
        {
          name: SITES_DOCUMENT,
          revision,
          body: JSON.stringify(bodies),
          createdAt: new Date((this.deps.clock ?? Date.now)()).toISOString(),
        },
      ],
    });
    this.bodies = bodies;
    this.revision = revision;
  }
}
