/** The file-reading edge of the federated simulation: reads the three inputs and checks them together. */
import { readFileSync } from 'node:fs';
import {
  checkInputs,
  parseCluster,
  parseJobs,
  parseThroughput,
  type SimCluster,
  type SimJob,
  type ThroughputMatrix,
} from './inputs.js';

export interface FederationInputs {
  cluster: SimCluster;
  matrix: ThroughputMatrix;
  jobs: SimJob[];
}

export function readFederationInputs(paths: { cluster: string; throughput: string; jobs: string }): FederationInputs {
  const cluster = parseCluster(readFileSync(paths.cluster, 'utf8'), paths.cluster);
  const matrix = parseThroughput(readFileSync(paths.throughput, 'utf8'), paths.throughput);
  const jobs = parseJobs(readFileSync(paths.jobs, 'utf8'), paths.jobs);
  checkInputs(cluster, matrix, jobs, paths.jobs);
  return { cluster, matrix, jobs };
}
