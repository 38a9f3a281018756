/**
 * What federation decides with: each site's offer (prices, free capacity, queue, data) and the
 * candidates and plan it returns. Times are epoch milliseconds; durations are seconds.
 */

export interface SitePrice {
  /** Catalog model id. */
  model: string;
  /** On-demand price per device-hour. */
  perHour: number;
  /** Spot price per device-hour; used only for preemptible jobs. */
  spotPerHour?: number;
  /** Prices are compared as plain numbers: every offer of one plan must use one currency. */
  currency: string;
}

/** One site's answer to "what could you give a job now", as its backend reports it. */
export interface SiteOffer {
  site: string;
  region: string;
  prices: readonly SitePrice[];
  /** Model id → devices free now. */
  freeDevices: Readonly<Record<string, number>>;
  /** Model id → devices the site has at all. */
  totalDevices: Readonly<Record<string, number>>;
  /** The site's estimate of how long a job waits when not enough devices are free now. */
  queueWaitSeconds: number;
  /** Datasets already stored at the site. */
  datasets: readonly string[];
  /** How data reaches the site when it is not there yet. */
  transfer: { gibPerSecond: number; costPerGiB: number };
}

/** What one candidate would take, when it could be predicted at all. */
export interface Prediction {
  /** Devices the job holds (a share counts its compute fraction). */
  devices: number;
  /** Relative throughput of the model for this job (1 = the reference device). */
  throughput: number;
  waitSeconds: number;
  transferSeconds: number;
  durationSeconds: number;
  /** Epoch ms. */
  start: number;
  /** Epoch ms. */
  end: number;
  /** Price per device-hour applied (spot for a preemptible job where offered). */
  pricePerDeviceHour: number;
  /** The whole job per hour: price per device-hour × devices. */
  pricePerHour: number;
  transferCost: number;
  /** Run cost plus transfer cost. */
  cost: number;
  currency: string;
}

/** One (site, model) the job could go to, with why it won, lost or cannot be used. */
export interface Candidate {
  site: string;
  region: string;
  model: string;
  vendor: string;
  feasible: boolean;
  /** Absent when the model cannot run the job there at all (compatibility, constraints). */
  prediction?: Prediction;
  /** Why it was chosen, lost, or is infeasible; one line a person reads. */
  reason: string;
}

export interface Plan {
  /** Epoch ms the plan was made at. */
  now: number;
  /** Feasible candidates best first, then infeasible ones. */
  ranked: readonly Candidate[];
  chosen?: Candidate;
  /** Why no candidate is feasible; set exactly when `chosen` is absent. */
  refusal?: string;
  /** Assumptions the plan rests on ("no work estimate: assumed 1 h on ..."). */
  notes: readonly string[];
  /** The objective and deadline the plan ranked by, for failover. */
  objective: 'cost' | 'time';
  /** Epoch ms; absent = none. */
  deadline?: number;
}
