/**
 * Where every catalog fact comes from: the ids used in AcceleratorModel.sources and PricePoint.source.
 * `url` is null for repository files and search-index entries that have no stable web address.
 */
import { ECOSYSTEM_SOURCES } from './sources-ecosystem.js';
import { SPEC_SOURCES } from './sources-specs.js';
import type { CatalogSource } from './types.js';

export const SOURCES: readonly CatalogSource[] = [...SPEC_SOURCES, ...ECOSYSTEM_SOURCES];
