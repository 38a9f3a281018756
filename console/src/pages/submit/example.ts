/** The spec the Submit page starts with: examples/hello.yaml, with the fields people change most shown. */
export const EXAMPLE_SPEC = `# The smallest job: CPU only, runs anywhere.
apiVersion: junction/v1
kind: Job
metadata:
  name: hello
spec:
  queue: default
  workload:
    command: [echo, "hello from Junction"]
  resources:
    replicas: 1
    perReplica:
      cpu: 500m
      memory: 256Mi
      # accelerators:
      #   count: 1
      #   vendors: [hygon, huawei, nvidia]
`;
