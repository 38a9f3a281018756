/**
 * Typed access to the accelerator catalog. Pure: the data is compiled in, nothing is read at run time.
 */
import { MODELS } from './models.js';
import { PRICES } from './prices.js';
import { SOURCES } from './sources.js';
import type { AcceleratorModel, CatalogSource, PricePoint } from './types.js';

export type { AcceleratorModel, CatalogSource, Confidence, Precision, PricePoint, SourcedField } from './types.js';

const byId = new Map(MODELS.map((m) => [m.id, m]));
const sourceById = new Map(SOURCES.map((s) => [s.id, s]));

/** Lower case without spaces, hyphens, underscores or dots: `K100_AI`, `k100-ai` and `k100ai` are one key. */
export function modelKey(name: string): string {
  return name.toLowerCase().replace(/[\s_.-]+/g, '');
}

function keysOf(m: AcceleratorModel): string[] {
  const withoutVendor = m.id.slice(m.id.indexOf('-') + 1);
  const plainName = m.name.replace(/\s*\(.*\)\s*$/, '');
  return [m.id, withoutVendor, m.name, plainName, ...m.aliases].map(modelKey);
}

const byKey = new Map<string, AcceleratorModel>();
for (const m of MODELS) {
  for (const key of keysOf(m)) if (!byKey.has(key)) byKey.set(key, m);
}

export function allModels(): readonly AcceleratorModel[] {
  return MODELS;
}

/** Exact catalog id. */
export function getModel(id: string): AcceleratorModel | undefined {
  return byId.get(id);
}

/**
 * The model a user or a tool means: an id, a name or an alias, ignoring case and separators
 * ("H100", "h100-sxm", "K100_AI", "910B3", "MI300X"). A vendor prefix is also accepted ("Ascend 910B3").
 */
export function findModel(nameOrId: string): AcceleratorModel | undefined {
  const key = modelKey(nameOrId);
  if (key === '') return undefined;
  const direct = byKey.get(key);
  if (direct) return direct;
  for (const m of MODELS) {
    for (const prefix of vendorPrefixes(m)) {
      if (key.startsWith(prefix) && byKey.get(key.slice(prefix.length)) === m) return m;
    }
  }
  return undefined;
}

function vendorPrefixes(m: AcceleratorModel): string[] {
  const idParts = m.id.split('-');
  const prefixes = new Set<string>();
  for (let n = 1; n < idParts.length; n++) prefixes.add(modelKey(idParts.slice(0, n).join('')));
  return [...prefixes];
}

export function modelsOfVendor(vendorId: string): AcceleratorModel[] {
  return MODELS.filter((m) => m.vendor === vendorId);
}

/** Every catalog id and display name, for help texts and "did you mean" messages. */
export function modelNames(): string[] {
  return MODELS.flatMap((m) => [m.id, m.name]);
}

export function allSources(): readonly CatalogSource[] {
  return SOURCES;
}

export function getSource(id: string): CatalogSource | undefined {
  return sourceById.get(id);
}

/** Public prices per accelerator-hour for a catalog model id; empty when none was found. */
export function pricesOf(modelId: string): readonly PricePoint[] {
  return PRICES[modelId] ?? [];
}
