/** The real SpecContext: vendor names from the vendor registry, model names from the catalog. */
import { findModel, modelNames } from '../catalog/index.js';
import type { SpecContext } from '../spec/context.js';
import { resolveVendorName, vendorIds } from '../vendors/registry.js';

export function defaultSpecContext(): SpecContext {
  return {
    resolveVendor: (name) => resolveVendorName(name),
    vendorNames: () => vendorIds(),
    resolveModel: (name) => findModel(name)?.id,
    modelNames: () => modelNames(),
  };
}
