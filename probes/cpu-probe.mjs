#!/usr/bin/env node
// Junction's CPU conformance probe. Runs as an ordinary task on the node it certifies and
// prints one line `JUNCTION_PROBE_RESULT {json}` that the adaptation center turns into evidence.
// Checks: the runtime starts; an fp32 matrix product matches an fp64 reference; a bf16-rounded
// product (bf16 inputs, fp32 accumulation, as accelerators compute it) stays within bf16 error;
// and the fp64 matrix-product rate. JUNCTION_PROBE_FAIL=<check> forces that check to fail, so
// the failure path can be exercised on purpose.
import os from 'node:os';

const N = Number(process.env.JUNCTION_PROBE_SIZE ?? 192);
const forced = process.env.JUNCTION_PROBE_FAIL ?? '';

function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  };
}

function matrix(n, random, Type) {
  const m = new Type(n * n);
  for (let i = 0; i < m.length; i++) m[i] = random();
  return m;
}

function multiply(a, b, n, Out) {
  const c = new Out(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      for (let j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
    }
  }
  return c;
}

/** Round an fp32 value to bf16 (round to nearest even on the upper 16 bits). */
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
function toBf16(x) {
  f32[0] = x;
  const bits = u32[0];
  u32[0] = (bits + 0x7fff + ((bits >>> 16) & 1)) & 0xffff0000;
  return f32[0];
}

function maxRelativeError(c, reference) {
  let scale = 0;
  for (const v of reference) scale = Math.max(scale, Math.abs(v));
  let worst = 0;
  for (let i = 0; i < c.length; i++) worst = Math.max(worst, Math.abs(c[i] - reference[i]) / scale);
  return worst;
}

const checks = [];
function check(name, ok, detail) {
  const pass = ok && forced !== name;
  checks.push({
    name,
    ok: pass,
    detail: forced === name ? `${detail} (failure forced by JUNCTION_PROBE_FAIL)` : detail,
  });
}

const random = seeded(20261129);
const a64 = matrix(N, random, Float64Array);
const b64 = matrix(N, random, Float64Array);
check(
  'runtime',
  true,
  `node ${process.version} on ${os.platform()}/${os.arch()}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown cpu'}`,
);

const started = performance.now();
const reference = multiply(a64, b64, N, Float64Array);
const seconds = (performance.now() - started) / 1000;
const gflops = (2 * N ** 3) / seconds / 1e9;

const fp32 = multiply(Float32Array.from(a64), Float32Array.from(b64), N, Float32Array);
const fp32Error = maxRelativeError(fp32, reference);
check('fp32-matmul', fp32Error < 1e-4, `max relative error ${fp32Error.toExponential(2)} against fp64 (limit 1e-4)`);

const bf16 = multiply(a64.map(toBf16), b64.map(toBf16), N, Float32Array);
const bf16Error = maxRelativeError(bf16, reference);
check('bf16-matmul', bf16Error < 2e-2, `max relative error ${bf16Error.toExponential(2)} against fp64 (limit 2e-2)`);

const visible = Object.entries(process.env)
  .filter(([k]) => /VISIBLE_(DEVICES|MODULES)$/.test(k))
  .map(([k, v]) => `${k}=${v}`);
const result = {
  probe: 'cpu',
  ok: checks.every((c) => c.ok),
  node: process.env.JUNCTION_NODE ?? os.hostname(),
  capabilities: { fp32: checks[1].ok, bf16: checks[2].ok },
  checks,
  visibleDevices: visible,
  measured: { metric: 'fp64-matmul', value: Number(gflops.toFixed(3)), unit: 'GFLOP/s' },
};
for (const c of checks) console.log(`${c.ok ? 'PASS' : 'FAIL'} ${c.name}: ${c.detail}`);
console.log(`JUNCTION_PROBE_RESULT ${JSON.stringify(result)}`);
process.exitCode = result.ok ? 0 : 1;
