/**
 * What the spec compiler needs to know about the world: which vendors and accelerator
 * models exist. Injected so that spec/ stays pure; the composition root wires the real
 * one from the vendor registry and the catalog.
 */
export interface SpecContext {
  /** Canonical vendor id for a name or alias (case-insensitive), or undefined. */
  resolveVendor(name: string): string | undefined;
  /** Canonical vendor ids, for hints. */
  vendorNames(): string[];
  /** Catalog model id for a model name or id (e.g. "H100", "K100_AI", "nvidia-h100-sxm"), or undefined. */
  resolveModel(name: string): string | undefined;
  /** Catalog model ids (and well-known names), for hints. */
  modelNames(): string[];
}
