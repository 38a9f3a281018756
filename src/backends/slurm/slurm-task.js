// Junction's Slurm task wrapper: the batch script execs it. Plain JavaScript so CPU-only tasks start fast.
//
// Usage: node slurm-task.js <taskDir>
//
// Contract with the Slurm backend (./slurm-backend.ts, ./batch-job.ts):
// - It reads <taskDir>/task.json (SlurmTaskFile): {command, env, workingDir, gracePeriodSeconds,
//   maxDurationSeconds, devices?: {vendor, slurmToLocal}}.
// - The task's environment is task.json's env, then Slurm's SLURM_* variables, then the visible-devices
//   variables the vendor adapter derives from Slurm's allocation (SLURM_JOB_GPUS and the variables Slurm sets),
//   renumbered from Slurm's node-global GPU indices to the vendor's own.
// - It writes <taskDir>/runner.json once the command is spawned: {runnerPid, childPid, startedAt}.
// - The batch script leads its process group and the command runs in it. A SIGTERM or SIGINT sent to the
//   wrapper alone (scancel --batch) reaches the group exactly once; if the task has not ended after the grace
//   period, the wrapper records the kill in status.json and SIGKILLs the group.
// - It writes <taskDir>/status.json atomically before it exits, in the process runner's format:
//   {exitCode, signal, reason: 'exited'|'timeout'|'spawn-error', message, finishedAt}; then it exits with the
//   task's exit code (128 + signal number for a signal), so Slurm's record agrees.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';

const taskDir = process.argv[2];
if (!taskDir) {
  process.stderr.write('junction slurm-task: missing task directory argument\n');
  process.exit(2);
}
const task = JSON.parse(readFileSync(join(taskDir, 'task.json'), 'utf8'));
const graceMs = Math.max(0, Number(task.gracePeriodSeconds ?? 0)) * 1000;
let child;
let reason = 'exited';
let finished = false;
let killTimer;
let earlySignal;
const relayedSignals = new Set();

function writeJsonAtomic(name, value) {
  const target = join(taskDir, name);
  const temp = `${target}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(value)}\n`);
  renameSync(temp, target);
}

function killGroup(signal) {
  try {
    process.kill(-process.pid, signal);
  } catch (error) {
    if (error.code !== 'ESRCH') throw error;
  }
}

function recordStatus(status) {
  if (finished) return false;
  finished = true;
  writeJsonAtomic('status.json', { ...status, finishedAt: new Date().toISOString() });
  return true;
}

function finish(status, exitCode) {
  if (recordStatus(status)) process.exit(exitCode);
}

function startKillTimer(why) {
  if (killTimer) return;
  killTimer = setTimeout(() => {
    const message = `${why}; did not exit within the ${task.gracePeriodSeconds ?? 0}s grace period, killed`;
    process.stderr.write(`junction: ${message}\n`);
    if (recordStatus({ exitCode: null, signal: 'SIGKILL', reason, message })) killGroup('SIGKILL');
  }, graceMs);
}

// Relaying to the group reaches this process too; the set tells that echo apart from a new request.
function onSignal(signal) {
  if (relayedSignals.has(signal)) {
    relayedSignals.delete(signal);
    return;
  }
  if (!child) {
    earlySignal ??= signal;
    return;
  }
  relayedSignals.add(signal);
  killGroup(signal);
  startKillTimer(`received ${signal}`);
}
process.on('SIGTERM', () => onSignal('SIGTERM'));
process.on('SIGINT', () => onSignal('SIGINT'));

function spawnError(exitCode, message) {
  process.stderr.write(`junction: ${message}\n`);
  finish({ exitCode, signal: null, reason: 'spawn-error', message }, exitCode);
}

function renumber(text, slurmToLocal) {
  return text
    .split(',')
    .map((part) => {
      const local = slurmToLocal[part.trim()];
      if (local === undefined)
        throw new Error(`Slurm allocated GPU ${part.trim()}, which is not one of this vendor's devices`);
      return String(local);
    })
    .join(',');
}

// The adapters are TypeScript; tsx loads them only for tasks that hold devices.
async function deviceEnv(devices) {
  const { register } = await import('tsx/esm/api');
  register();
  const { getVendor } = await import('../../vendors/registry.js');
  const adapter = getVendor(devices.vendor);
  if (!adapter) throw new Error(`unknown vendor ${JSON.stringify(devices.vendor)}`);
  const slurmEnv = { ...process.env };
  for (const name of ['SLURM_JOB_GPUS', 'SLURM_STEP_GPUS', ...adapter.slurm.setBySlurm]) {
    if (slurmEnv[name] !== undefined && slurmEnv[name] !== '')
      slurmEnv[name] = renumber(slurmEnv[name], devices.slurmToLocal);
  }
  const result = adapter.slurmTaskEnv({ env: slurmEnv, devicesConstrained: false });
  if (!result.ok) throw new Error(result.reason);
  const env = {};
  for (const name of adapter.slurm.setBySlurm) env[name] = slurmEnv[name];
  return { ...env, ...result.env };
}

function describeSpawnError(error, program) {
  if (error.code === 'ENOENT') return [127, `cannot start '${program}': command not found`];
  if (error.code === 'EACCES') return [126, `cannot start '${program}': permission denied`];
  return [127, `cannot start '${program}': ${error.message}`];
}

function exitCodeOf(code, signal) {
  if (code !== null) return code;
  return 128 + (constants.signals[signal] ?? 0);
}

async function run() {
  const command = Array.isArray(task.command) ? task.command : [];
  const program = command[0];
  if (typeof program !== 'string' || program === '') {
    spawnError(127, 'empty command');
    return;
  }
  const env = { ...(task.env ?? {}) };
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith('SLURM_') && value !== undefined) env[name] = value;
  }
  if (task.devices) {
    try {
      Object.assign(env, await deviceEnv(task.devices));
    } catch (error) {
      spawnError(125, `cannot give the task its ${task.devices.vendor} devices: ${error.message}`);
      return;
    }
  }
  if (earlySignal) {
    finish(
      { exitCode: null, signal: earlySignal, reason: 'exited', message: `received ${earlySignal} before start` },
      143,
    );
    return;
  }
  const cwd = task.workingDir || undefined;
  // A missing cwd makes spawn fail with ENOENT as if the program were missing; say which it is.
  if (cwd && !(existsSync(cwd) && statSync(cwd).isDirectory())) {
    spawnError(127, `cannot start '${program}': working directory ${cwd} does not exist`);
    return;
  }
  child = spawn(program, command.slice(1), { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('error', (error) => {
    const [exitCode, message] = describeSpawnError(error, program);
    spawnError(exitCode, message);
  });
  if (child.pid === undefined) return;
  writeJsonAtomic('runner.json', { runnerPid: process.pid, childPid: child.pid, startedAt: new Date().toISOString() });
  child.on('exit', (code, signal) => {
    const message =
      reason === 'timeout'
        ? `exceeded maxDuration ${task.maxDurationSeconds}s`
        : signal
          ? `killed by ${signal}`
          : `exited with code ${code}`;
    finish({ exitCode: code, signal, reason, message }, exitCodeOf(code, signal));
  });
  const maxDuration = Number(task.maxDurationSeconds);
  if (Number.isFinite(maxDuration) && maxDuration > 0) {
    setTimeout(() => {
      reason = 'timeout';
      process.stderr.write(`junction: exceeded maxDuration ${maxDuration}s, sending SIGTERM\n`);
      relayedSignals.add('SIGTERM');
      killGroup('SIGTERM');
      startKillTimer(`exceeded maxDuration ${maxDuration}s`);
    }, maxDuration * 1000).unref();
  }
}

await run();
