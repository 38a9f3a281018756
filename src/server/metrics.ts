/** Prometheus metrics: jobs by phase, scheduling latency, device allocation by vendor. */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { ClusterState } from '../cluster/state.js';
import { JOB_PHASES, type Store } from '../store/types.js';

export interface Metrics {
  registry: Registry;
  observeCycle(seconds: number, bindLatencies: number[]): void;
  countRequest(route: string, status: number): void;
}

export function createMetrics(store: Store, cluster: ClusterState): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'junction_process_' });
  new Gauge({
    name: 'junction_jobs',
    help: 'Jobs by phase',
    labelNames: ['phase'],
    registers: [registry],
    async collect() {
      const counts = await store.countJobsByPhase();
      for (const phase of JOB_PHASES) this.set({ phase }, counts[phase] ?? 0);
    },
  });
  const devices = new Gauge({
    name: 'junction_devices',
    help: 'Accelerator devices by vendor and state (allocated: any share of it is held; free: nothing is)',
    labelNames: ['vendor', 'state'],
    registers: [registry],
    collect() {
      devices.reset();
      for (const node of cluster.nodes()) {
        for (const d of node.devices) {
          devices.inc({ vendor: d.info.vendor, state: d.holders.size > 0 ? 'allocated' : 'free' });
        }
      }
    },
  });
  const cycle = new Histogram({
    name: 'junction_scheduling_cycle_seconds',
    help: 'Duration of one scheduling cycle',
    buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'junction_scheduling_latency_seconds',
    help: 'Time from submission to placement',
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30, 60, 300, 3600],
    registers: [registry],
  });
  const requests = new Counter({
    name: 'junction_http_requests_total',
    help: 'API requests by route and status',
    labelNames: ['route', 'status'],
    registers: [registry],
  });
  return {
    registry,
    observeCycle(seconds, bindLatencies) {
      cycle.observe(seconds);
      for (const l of bindLatencies) latency.observe(l);
    },
    countRequest(route, status) {
      requests.inc({ route, status: String(status) });
    },
  };
}
