/**
 * The federated simulation's inputs as data: the cluster (sites, device pools, prices, queue
 * behaviour), the throughput matrix (job class → model → relative throughput) and the jobs.
 * Pure parsers of the text; every rejection names the file, line and column.
 */
import { PRIORITIES, type Priority } from '../../spec/types.js';
import { SimInputError } from './input-error.js';
import { JsonReader, parseJsonWithPositions } from './json-positions.js';

export interface SimPool {
  /** Catalog model id. */
  model: string;
  devices: number;
  /** Per device-hour. */
  pricePerHour: number;
  /** Where the price comes from, when it was taken from somewhere. */
  priceSource?: string;
}

export interface SimSite {
  name: string;
  region: string;
  /** Seconds from a job's start until it runs (scheduling, image pull); devices are held meanwhile. */
  startupSeconds: number;
  pools: SimPool[];
}

export interface SimCluster {
  currency: string;
  sites: SimSite[];
}

export interface ThroughputMatrix {
  /** The model `work` is measured on; its throughput is 1 unless its class row says otherwise. */
  reference: string;
  /** Class → model → relative throughput; a model absent from a class cannot run it. */
  classes: Record<string, Record<string, number>>;
}

export interface SimJob {
  id: string;
  /** Seconds of virtual time. */
  arrival: number;
  class: string;
  /** Seconds on the reference model. */
  work: number;
  replicas: number;
  devicesPerReplica: number;
  priority: Priority;
  /** Absolute virtual seconds; absent = none. */
  deadline?: number;
}

export function parseCluster(text: string, file: string): SimCluster {
  const r = new JsonReader(parseJsonWithPositions(text, file), file);
  r.object('');
  const names = new Set<string>();
  const sites = r.array('sites').map((_, s): SimSite => {
    const at = `sites[${s}]`;
    const name = r.string(`${at}.name`);
    if (names.has(name)) throw r.fail(`${at}.name`, `site "${name}" is listed twice`);
    names.add(name);
    const models = new Set<string>();
    const pools = r.array(`${at}.pools`).map((__, p): SimPool => {
      const pat = `${at}.pools[${p}]`;
      const model = r.string(`${pat}.model`);
      if (models.has(model)) throw r.fail(`${pat}.model`, `model "${model}" is listed twice at ${name}`);
      models.add(model);
      const nodes = r.number(`${pat}.nodes`, 1);
      const perNode = r.number(`${pat}.devicesPerNode`, 1);
      if (!Number.isInteger(nodes) || !Number.isInteger(perNode)) {
        throw r.fail(`${pat}.nodes`, 'nodes and devicesPerNode must be whole numbers');
      }
      const pool: SimPool = { model, devices: nodes * perNode, pricePerHour: r.number(`${pat}.pricePerHour`, 0) };
      const source = r.at(`${pat}.priceSource`);
      if (typeof source === 'string') pool.priceSource = source;
      return pool;
    });
    if (pools.length === 0) throw r.fail(`${at}.pools`, 'a site needs at least one pool');
    return { name, region: r.string(`${at}.region`), startupSeconds: r.number(`${at}.startupSeconds`, 0, 0), pools };
  });
  if (sites.length === 0) throw r.fail('sites', 'the cluster needs at least one site');
  return { currency: r.string('currency', 'USD'), sites };
}

export function parseThroughput(text: string, file: string): ThroughputMatrix {
  const r = new JsonReader(parseJsonWithPositions(text, file), file);
  r.object('');
  const reference = r.string('reference', 'nvidia-a100-80gb');
  const classes: ThroughputMatrix['classes'] = {};
  for (const name of Object.keys(r.object('classes'))) {
    const row: Record<string, number> = {};
    for (const model of Object.keys(r.object(`classes.${name}`))) {
      const value = r.number(`classes.${name}.${model}`, 0);
      if (value <= 0) throw r.fail(`classes.${name}.${model}`, 'must be above 0 (leave a model out if it cannot run)');
      row[model] = value;
    }
    if (reference !== 'nvidia-a100-80gb' && row[reference] === undefined) {
      throw r.fail(`classes.${name}`, `must give the reference model ${reference} a throughput`);
    }
    classes[name] = row;
  }
  if (Object.keys(classes).length === 0) throw r.fail('classes', 'name at least one job class');
  return { reference, classes };
}

const JOB_COLUMNS = ['arrival_s', 'class', 'work_s', 'replicas', 'devices_per_replica', 'priority', 'deadline_s'];

/** Jobs CSV; columns by header name (any order), `id` optional. Rows must be in arrival order. */
export function parseJobs(text: string, file: string): SimJob[] {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  for (const column of JOB_COLUMNS) {
    if (!header.includes(column))
      throw new SimInputError(file, 1, 0, `missing column "${column}" (header: ${lines[0] ?? ''})`);
  }
  const col = (name: string) => header.indexOf(name);
  const jobs: SimJob[] = [];
  let previous = 0;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const line = i + 1;
    const cells = lines[i]!.split(',').map((c) => c.trim());
    if (cells.length !== header.length) {
      throw new SimInputError(file, line, 0, `expected ${header.length} cells, found ${cells.length}`);
    }
    const fail = (name: string, reason: string) => new SimInputError(file, line, col(name) + 1, reason);
    const num = (name: string, min: number, integer: boolean): number => {
      const raw = cells[col(name)]!;
      const n = raw === '' ? Number.NaN : Number(raw);
      if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) {
        throw fail(name, `${name} must be ${integer ? 'an integer' : 'a number'} >= ${min}, got "${raw}"`);
      }
      return n;
    };
    const arrival = num('arrival_s', 0, false);
    if (arrival < previous) throw fail('arrival_s', `arrival ${arrival} is before the previous row's ${previous}`);
    previous = arrival;
    const jobClass = cells[col('class')]!;
    if (jobClass === '') throw fail('class', 'class is empty');
    const priority = cells[col('priority')]! as Priority;
    if (!PRIORITIES.includes(priority))
      throw fail('priority', `priority must be one of ${PRIORITIES.join(', ')}, got "${priority}"`);
    const job: SimJob = {
      id: col('id') >= 0 && cells[col('id')] !== '' ? cells[col('id')]! : `job-${jobs.length}`,
      arrival,
      class: jobClass,
      work: num('work_s', Number.MIN_VALUE, false),
      replicas: num('replicas', 1, true),
      devicesPerReplica: num('devices_per_replica', 1, true),
      priority,
    };
    if (cells[col('deadline_s')] !== '') {
      job.deadline = num('deadline_s', 0, false);
      if (job.deadline < arrival) throw fail('deadline_s', `deadline ${job.deadline} is before the arrival ${arrival}`);
    }
    jobs.push(job);
  }
  return jobs;
}

/** Classes and models the jobs need that the matrix and cluster cannot serve, as one error. */
export function checkInputs(
  cluster: SimCluster,
  matrix: ThroughputMatrix,
  jobs: readonly SimJob[],
  jobsFile: string,
): void {
  const biggest = new Map<string, number>();
  for (const site of cluster.sites)
    for (const p of site.pools) biggest.set(p.model, Math.max(biggest.get(p.model) ?? 0, p.devices));
  jobs.forEach((job, k) => {
    const row = matrix.classes[job.class];
    if (!row) throw new SimInputError(jobsFile, k + 2, 0, `class "${job.class}" is not in the throughput matrix`);
    const need = job.replicas * job.devicesPerReplica;
    if (!Object.keys(row).some((m) => (biggest.get(m) ?? 0) >= need)) {
      throw new SimInputError(jobsFile, k + 2, 0, `no pool can run ${job.id} (${job.class} on ${need} devices)`);
    }
  });
}
