/**
 * Turning a vendor's Kubernetes names into one container's limits and annotations. Pure.
 *
 * HAMi semantics followed (Project-HAMi/HAMi pkg/device/<vendor>/device.go, charts/hami values and
 * device-configmap): the count resource is the number of devices; the memory and core resources apply to each of
 * those devices; model annotations hold comma-separated substrings matched, ignoring case, against the device type.
 */
import { getModel } from '../catalog/index.js';
import {
  type KubernetesNames,
  type KubernetesRequest,
  type KubernetesResources,
  type ShareRequest,
  VendorRequestError,
} from './types.js';

export function checkCount(count: number, what: string): void {
  if (!Number.isInteger(count) || count < 1) {
    throw new VendorRequestError(`${what}: count must be a whole number of at least 1, got ${count}`);
  }
}

export function checkShare(share: ShareRequest, what: string): void {
  if (!(share.memoryMiB > 0)) throw new VendorRequestError(`${what}: share memory must be above 0 MiB`);
  if (!(share.computePercent > 0 && share.computePercent <= 100)) {
    throw new VendorRequestError(`${what}: share compute must be within 1..100 percent`);
  }
}

/** The substrings of a model's device name that HAMi's type annotations match: by default its first alias. */
export function defaultModelTokens(model: string): string[] {
  const m = getModel(model);
  const token = m?.aliases[0] ?? m?.name;
  return token === undefined ? [] : [token];
}

export function kubernetesResourcesFor(
  vendor: string,
  names: KubernetesNames,
  request: KubernetesRequest,
  modelTokens: (model: string) => string[],
): KubernetesResources {
  checkCount(request.count, vendor);
  const via = request.via ?? (request.share ? 'hami' : 'device-plugin');
  if (via === 'device-plugin') {
    if (request.share) throw new VendorRequestError(`${vendor}: a device plugin grants whole devices only`);
    return { limits: { [names.device]: String(request.count) }, annotations: {} };
  }
  const annotations: Record<string, string> = {};
  const tokens = request.model === undefined ? [] : modelTokens(request.model);
  if (names.useModelAnnotation && tokens.length > 0) annotations[names.useModelAnnotation] = tokens.join(',');
  if (!request.share) return { limits: { [names.hamiDevice]: String(request.count) }, annotations };

  const share = names.share;
  if (share === null) throw new VendorRequestError(`${vendor}: whole devices only, nothing shares them`);
  checkShare(request.share, vendor);
  if (share.maxDevices !== undefined && request.count > share.maxDevices) {
    throw new VendorRequestError(`${vendor}: a share may span at most ${share.maxDevices} device(s)`);
  }
  const limits: Record<string, string> = {};
  if (share.count) limits[share.count] = String(request.count);
  limits[share.memory] = String(Math.ceil(request.share.memoryMiB / share.memoryUnitMiB));
  if (share.core) {
    const units = Math.ceil(request.share.computePercent / (share.corePercentPerUnit ?? 1));
    limits[share.core] = String(units);
  }
  return { limits, annotations };
}
