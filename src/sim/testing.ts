/** A small hand-written trace for tests: three nodes, a handful of pods. */
export const FIXTURE_NODES_CSV = `sn,cpu_milli,memory_mib,gpu,model
node-a,32000,131072,2,T4
node-b,64000,262144,4,V100M16
node-c,16000,65536,0,
`;

export const FIXTURE_PODS_CSV = `name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time
pod-0,4000,8192,1,500,,LS,Running,0,100,0
pod-1,4000,8192,1,500,,LS,Running,10,100,10
pod-2,8000,16384,1,1000,,BE,Running,20,100,20
pod-3,2000,4096,0,0,,BE,Succeeded,30,40,
pod-4,8000,16384,2,1000,V100M16|V100M32,LS,Running,40,100,40
pod-5,4000,8192,1,250,T4,LS,Running,50,,50
pod-6,4000,8192,1,810,,LS,Pending,60,,
`;
