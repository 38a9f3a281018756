import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DELETE, type MalformedCase, runMalformedCases } from './test-malformed.js';

const ACC = 'spec.resources.perReplica.accelerators';
const NO_COUNT = { [`${ACC}.count`]: DELETE };

/** Malformed resources, accelerators, placement and runtime: each must produce one helpful issue. */
const resourceCases: MalformedCase[] = [
  // resources
  {
    name: 'negative replicas',
    input: { 'spec.resources.replicas': -2 },
    path: 'spec.resources.replicas',
    message: /^must be an integer from 1 to 1024, got -2$/,
  },
  {
    name: 'fractional replicas',
    input: { 'spec.resources.replicas': 1.5 },
    path: 'spec.resources.replicas',
    message: /integer from 1 to 1024, got 1.5/,
  },
  {
    name: 'too many replicas',
    input: { 'spec.resources.replicas': 5000 },
    path: 'spec.resources.replicas',
    message: /got 5000/,
  },
  {
    name: 'quoted replicas',
    input: { 'spec.resources.replicas': '2' },
    path: 'spec.resources.replicas',
    message: /got "2"/,
    hint: /without quotes/,
  },
  {
    name: 'misspelled replicas',
    input: { 'spec.resources.replicaz': 2 },
    path: 'spec.resources.replicaz',
    message: /unknown field `replicaz`/,
    hint: /did you mean `replicas`\?/,
  },
  {
    name: 'cpu in words',
    input: { 'spec.resources.perReplica.cpu': '8 cores' },
    path: 'spec.resources.perReplica.cpu',
    message: /CPU cores/,
    hint: /did you mean 8\?/,
  },
  {
    name: 'negative cpu',
    input: { 'spec.resources.perReplica.cpu': -1 },
    path: 'spec.resources.perReplica.cpu',
    message: /must not be negative/,
  },
  {
    name: 'memory as bare bytes',
    input: { 'spec.resources.perReplica.memory': 64 },
    path: 'spec.resources.perReplica.memory',
    message: /less than 1 MiB/,
    hint: /did you mean 64Gi\?/,
  },
  {
    name: 'memory in GB',
    input: { 'spec.resources.perReplica.memory': '64GB' },
    path: 'spec.resources.perReplica.memory',
    message: /unknown memory unit "GB"/,
    hint: /64Gi .* or 64G/,
  },
  {
    name: 'memory zero',
    input: { 'spec.resources.perReplica.memory': 0 },
    path: 'spec.resources.perReplica.memory',
    message: /at least 1Mi/,
  },
  {
    name: 'memory a boolean',
    input: { 'spec.resources.perReplica.memory': true },
    path: 'spec.resources.perReplica.memory',
    message: /must be a memory size.*got true/,
  },
  // accelerators
  { name: 'accelerators a number', input: { [ACC]: 4 }, path: ACC, message: /must be a map with count or share/ },
  { name: 'zero count', input: { [`${ACC}.count`]: 0 }, path: `${ACC}.count`, message: /integer from 1 to 64, got 0/ },
  {
    name: 'negative count',
    input: { [`${ACC}.count`]: -4 },
    path: `${ACC}.count`,
    message: /integer from 1 to 64, got -4/,
  },
  {
    name: 'count and share together',
    input: { [`${ACC}.share`]: { memory: '12Gi', compute: 30 } },
    path: ACC,
    message: new RegExp(`\`${ACC}.count\` and \`${ACC}.share\` are mutually exclusive`),
    hint: /not both/,
  },
  {
    name: 'share over 100%',
    input: { ...NO_COUNT, [`${ACC}.share`]: { memory: '12Gi', compute: '150%' } },
    path: `${ACC}.share.compute`,
    message: /share over 100%.*got "150%"/,
    hint: /count/,
  },
  {
    name: 'share compute zero',
    input: { ...NO_COUNT, [`${ACC}.share`]: { memory: '12Gi', compute: 0 } },
    path: `${ACC}.share.compute`,
    message: /at least 1%/,
  },
  {
    name: 'share compute in words',
    input: { ...NO_COUNT, [`${ACC}.share`]: { memory: '12Gi', compute: '30 percent' } },
    path: `${ACC}.share.compute`,
    message: /percentage like "30%"/,
  },
  {
    name: 'share memory zero',
    input: { ...NO_COUNT, [`${ACC}.share`]: { memory: 0, compute: 30 } },
    path: `${ACC}.share.memory`,
    message: /at least 1Mi/,
  },
  {
    name: 'share without compute',
    input: { ...NO_COUNT, [`${ACC}.share`]: { memory: '12Gi' } },
    path: `${ACC}.share.compute`,
    message: /is required, expected a percentage/,
  },
  {
    name: 'unknown key in share',
    input: { ...NO_COUNT, [`${ACC}.share`]: { memory: '12Gi', compute: 30, cores: 2 } },
    path: `${ACC}.share.cores`,
    message: /unknown field/,
    hint: /memory, compute/,
  },
  {
    name: 'unknown vendor',
    input: { [`${ACC}.vendors`]: ['hygon', 'nvida'] },
    path: `${ACC}.vendors[1]`,
    message: /unknown vendor "nvida"/,
    hint: /did you mean `nvidia`\?/,
  },
  {
    name: 'vendor nobody knows',
    input: { [`${ACC}.vendors`]: ['zzzzzz'] },
    path: `${ACC}.vendors[0]`,
    message: /unknown vendor/,
    hint: /known vendors: .*nvidia/,
  },
  {
    name: 'any among vendors',
    input: { [`${ACC}.vendors`]: ['any', 'nvidia'] },
    path: `${ACC}.vendors[0]`,
    message: /cannot be combined/,
  },
  {
    name: 'vendors as a string',
    input: { [`${ACC}.vendors`]: 'nvidia' },
    path: `${ACC}.vendors`,
    message: /list of vendor names/,
    hint: /\[nvidia\]/,
  },
  {
    name: 'unknown model',
    input: { [`${ACC}.models`]: ['h10'] },
    path: `${ACC}.models[0]`,
    message: /unknown model "h10"/,
    hint: /did you mean `nvidia-h100-sxm`\?/,
  },
  {
    name: 'unknown topology',
    input: { [`${ACC}.topology`]: 'rack' },
    path: `${ACC}.topology`,
    message: /one of: same-node, same-domain, any, got "rack"/,
  },
  {
    name: 'minMemory unparsable',
    input: { [`${ACC}.minMemory`]: 'lots' },
    path: `${ACC}.minMemory`,
    message: /must be a memory size like 64Gi/,
  },
  // placement
  {
    name: 'date-only deadline',
    input: { 'spec.placement.deadline': '2026-12-01' },
    path: 'spec.placement.deadline',
    message: /ISO-8601 date-time/,
    hint: /2026-12-01T00:00:00Z/,
  },
  {
    name: 'deadline without zone',
    input: { 'spec.placement.deadline': '2026-12-01T12:00:00' },
    path: 'spec.placement.deadline',
    message: /with a zone/,
    hint: /add a zone/,
  },
  {
    name: 'deadline in words',
    input: { 'spec.placement.deadline': 'next friday' },
    path: 'spec.placement.deadline',
    message: /got "next friday"/,
  },
  {
    name: 'impossible date',
    input: { 'spec.placement.deadline': '2026-02-30T00:00:00Z' },
    path: 'spec.placement.deadline',
    message: /ISO-8601/,
  },
  {
    name: 'negative price',
    input: { 'spec.placement.maxPricePerHour': -1 },
    path: 'spec.placement.maxPricePerHour',
    message: /0 or more, got -1/,
  },
  {
    name: 'unknown objective',
    input: { 'spec.placement.objective': 'fast' },
    path: 'spec.placement.objective',
    message: /one of: cost, time/,
  },
  {
    name: 'sites as a string',
    input: { 'spec.placement.sites': 'any' },
    path: 'spec.placement.sites',
    message: /list of site names/,
    hint: /\[any\]/,
  },
  // runtime
  {
    name: 'duration in words',
    input: { 'spec.runtime.maxDuration': '4 hours' },
    path: 'spec.runtime.maxDuration',
    message: /duration like "90s"/,
  },
  {
    name: 'zero maxDuration',
    input: { 'spec.runtime.maxDuration': 0 },
    path: 'spec.runtime.maxDuration',
    message: /longer than 0s/,
  },
  {
    name: 'gracePeriod in ms',
    input: { 'spec.runtime.gracePeriod': '100ms' },
    path: 'spec.runtime.gracePeriod',
    message: /duration/,
    hint: /whole seconds/,
  },
  {
    name: 'too many retries',
    input: { 'spec.runtime.retries': 101 },
    path: 'spec.runtime.retries',
    message: /integer from 0 to 100, got 101/,
  },
  {
    name: 'preemptible yes',
    input: { 'spec.runtime.preemptible': 'yes' },
    path: 'spec.runtime.preemptible',
    message: /true or false, got "yes"/,
    hint: /YAML 1.2/,
  },
  {
    name: 'misspelled runtime key',
    input: { 'spec.runtime.retry': 2 },
    path: 'spec.runtime.retry',
    message: /unknown field `retry`/,
    hint: /did you mean `retries`\?/,
  },
];

runMalformedCases('malformed specs: resources, placement, runtime', resourceCases);

// With the document table (at least 20), the malformed tables hold at least 35 cases.
test('the resource table holds at least 15 cases', () => {
  assert.ok(resourceCases.length >= 15);
});
