/**
 * Intel Gaudi: the Intel Gaudi software stack (SynapseAI), process-level visibility through HABANA_VISIBLE_MODULES.
 *
 * Sources (ids from src/catalog/sources.ts):
 * - GD-VLLM: HABANA_VISIBLE_MODULES is the process variable (vLLM's Gaudi platform, the device plugin);
 *   HABANA_VISIBLE_DEVICES is the container runtime's and is not set here. It takes module ids, which is what
 *   a Gaudi node's DeviceInfo.index must hold.
 * - GD-K8S, GD-SURVEY: habana.ai/gaudi is whole-card only; no sharing layer is known, so shareEnforced=false
 *   and a share carries only the vendor-neutral Junction variables.
 */
import { defineVendor } from './define.js';

export const intel = defineVendor({
  id: 'intel',
  displayName: 'Intel Gaudi',
  aliases: ['gaudi', 'habana', 'hpu', 'synapseai'],
  stack: 'SynapseAI',
  visibleDevicesVariables: ['HABANA_VISIBLE_MODULES'],
});
