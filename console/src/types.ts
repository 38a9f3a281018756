/**
 * Wire types of the Junction REST API (/api/v1), as the console reads them: the server's own types,
 * imported type-only (erased by the build, so no server code reaches the bundle). Where a route
 * answers a shape the server builds inline, the type here is derived from the server's types, so a
 * change on the server side breaks the console's type-check instead of drifting silently.
 */
import type { Principal, TenantRecord, TokenRecord } from '../../src/access/types.js';
import type { Dimension, Period, UsageRow } from '../../src/metering/types.js';
import type { SiteList } from '../../src/server/api-types.js';
import type { JobPhase } from '../../src/store/types.js';

export type { AuditRecord, Role, TenantRecord } from '../../src/access/types.js';
export type { DeviceAllocation, ReplicaPlacement } from '../../src/cluster/types.js';
export type { Candidate, Plan, Prediction } from '../../src/federation/types.js';
export type { Bill, BillLine, BillTotal, UsageRow } from '../../src/metering/types.js';
export type { QueueConfig, ResourceAmounts } from '../../src/scheduler/queues.js';
export type {
  ApiError,
  DeviceView,
  EventView,
  Explanation,
  JobList,
  JobView,
  NodeView,
  QueueView,
  TaskView,
} from '../../src/server/api-types.js';
export type { CompiledJobSpec, SpecIssue } from '../../src/spec/types.js';
export type { JobPhase };

/**
 * The phases in the server's order (JOB_PHASES of src/store/types.ts). A value cannot be imported
 * type-only, and a value import would bundle server code; the type keeps this list to real phases.
 */
export const JOB_PHASES: readonly JobPhase[] = ['Pending', 'Running', 'Succeeded', 'Failed', 'Cancelled'];

/** GET /whoami. */
export type WhoAmI = Pick<Principal, 'tenant' | 'user' | 'role' | 'tokenId' | 'expiresAt'>;

/** One item of GET /sites. */
export type SiteView = SiteList['items'][number];

/** One item of GET /usage: an aggregated row with its group key spread into it. */
export type UsageItem = UsageRow['key'] & Omit<UsageRow, 'key'>;

/** GET /usage. */
export interface UsageReport extends Period {
  by: Dimension[];
  items: UsageItem[];
}

/** One item of GET /tenants: the tenant with its queues' names and its active tokens. */
export type Tenant = TenantRecord & { queues: string[]; tokens: number };

/** A token as listings show it: never its hash. */
export type TokenInfo = Omit<TokenRecord, 'hash'>;

/** POST /tokens: the token with its secret, shown this once. */
export type NewToken = TokenInfo & { token: string };

/** A listing answer (`nextCursor` where the route pages). */
export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}
