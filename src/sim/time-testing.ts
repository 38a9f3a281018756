/**
 * A hand-timed trace for the time-based replay's tests: one node with two GPUs and pods whose
 * queueing delays and completion times are worked out by hand in time-replay.test.ts.
 */
export const TIMED_NODES_CSV = `sn,cpu_milli,memory_mib,gpu,model
n1,16000,65536,2,T4
`;

export const TIMED_PODS_CSV = `name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time
p0,1000,1024,1,1000,,LS,Succeeded,0,100,0
p1,1000,1024,1,1000,,LS,Succeeded,10,60,12
p2,1000,1024,2,1000,,LS,Succeeded,20,95,25
p3,1000,1024,1,1000,,BE,Pending,30,50,
p4,1000,1024,1,1000,,BE,Failed,40,40,40
p5,1000,1024,1,1000,,LS,Succeeded,100,130,100
p6,1000,1024,3,1000,,LS,Pending,5,500,
`;
