/** Documents shared by the spec tests. */

export const FULL_EXAMPLE_YAML = `apiVersion: junction/v1
kind: Job
metadata: {name: finetune-7b, labels: {team: nlp}}
spec:
  queue: research
  priority: normal                 # low | normal | high | critical
  workload:
    framework: {name: pytorch, version: ">=2.1"}
    precision: [bf16]
    image: auto
    command: [python, train.py, --epochs, "3"]
    env: {HF_HOME: /data/hf}
    workingDir: /work
  resources:
    replicas: 2
    perReplica:
      cpu: 8
      memory: 64Gi
      accelerators:
        count: 4
        minMemory: 64Gi
        vendors: [any]
        models: []
        topology: same-domain
  placement:
    objective: cost
    maxPricePerHour: 60
    deadline: 2026-12-01T00:00:00Z
    sites: [any]
  runtime:
    maxDuration: 4h
    retries: 2
    preemptible: true
    gracePeriod: 10s
`;

/** The smallest valid document: everything else is a default. */
export function minimalDoc(): Record<string, unknown> {
  return {
    apiVersion: 'junction/v1',
    kind: 'Job',
    metadata: { name: 'hello' },
    spec: { workload: { command: ['echo', 'hi'] } },
  };
}
