/**
 * Volcano's PodGroup (scheduling.volcano.sh/v1beta1): the custom resource that makes Volcano start a gang's
 * pods all together or not at all. The schema follows the fields of Volcano's published CRD
 * (config/crd/volcano/bases/scheduling.volcano.sh_podgroups.yaml) that Junction writes or reads.
 */
import { z } from 'zod';

export const PODGROUP_API = { group: 'scheduling.volcano.sh', version: 'v1beta1', plural: 'podgroups' } as const;

const quantity = z.union([z.string(), z.number()]);
const dnsLabel = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
  .max(63);
const int32 = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1);

export const podGroupSchema = z.object({
  apiVersion: z.literal('scheduling.volcano.sh/v1beta1'),
  kind: z.literal('PodGroup'),
  metadata: z.object({
    name: dnsLabel,
    namespace: dnsLabel.optional(),
    labels: z.record(z.string(), z.string()).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  }),
  spec: z.strictObject({
    /** Pods that must be placeable together before any of them is bound. */
    minMember: int32.min(1),
    minTaskMember: z.record(z.string(), int32).optional(),
    minResources: z.record(z.string(), quantity).optional(),
    queue: z.string().min(1).optional(),
    priorityClassName: z.string().optional(),
  }),
});

export type PodGroup = z.infer<typeof podGroupSchema>;
