// Junction's Slurm task wrapper: the batch script execs it. Plain JavaScript so CPU-only tasks start fast.
//
// Usage: node slurm-task.js <taskDir>           (a single task: the batch script execs it)
//        node slurm-task.js --gang <gang.json>  (a gang: srun starts it once per task)
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
// - In a gang, gang.json maps each Slurm node to its task directories by SLURM_LOCALID; the command's output goes
//   to its own task's output.log, and the command leads its own process group, since srun puts every task of a
//   step in the first task's group. devices.slice picks the task's own devices from its node's allocation.
// - A task whose cancel.json exists before its command starts does not start it.
import { spawn } from 'node:child_process';
import { existsSync, openSync, readFileSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';

const gang = process.argv[2] === '--gang';
const taskDir = gang ? gangTaskDir(process.argv[3]) : process.argv[2];
if (!taskDir) {
  process.stderr.write('junction slurm-task: missing task directory argument\n');
  process.exit(2);
}
const logFd = gang ? openSync(join(taskDir, 'output.log'), 'a') : 2;
const task = JSON.parse(readFileSync(join(taskDir, 'task.json'), 'utf8'));
const graceMs = Math.max(0, Number(task.gracePeriodSeconds ?? 0)) * 1000;
let child;
let reason = 'exited';
let finished = false;
let killTimer;
let earlySignal;
const relayedSignals = new Set();

function gangTaskDir(gangFile) {
  if (!gangFile) return undefined;
  const { nodes } = JSON.parse(readFileSync(gangFile, 'utf8'));
  const dir = nodes?.[process.env.SLURMD_NODENAME ?? '']?.[Number(process.env.SLURM_LOCALID)];
  if (!dir) {
    const where = `node ${process.env.SLURMD_NODENAME} local task ${process.env.SLURM_LOCALID}`;
    process.stderr.write(`junction slurm-task: ${gangFile} has no task for ${where}\n`);
    process.exit(2);
  }
  return dir;
}

function say(message) {
  writeSync(logFd, `junction: ${message}\n`);
}

function writeJsonAtomic(name, value) {
  const target = join(taskDir, name);
  const temp = `${target}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(value)}\n`);
  renameSync(temp, target);
}

function killGroup(signal) {
  const group = gang ? child?.pid : process.pid;
  if (group === undefined) return;
  try {
    process.kill(-group, signal);
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
    say(message);
    if (!recordStatus({ exitCode: null, signal: 'SIGKILL', reason, message })) return;
    killGroup('SIGKILL');
    // In a gang the wrapper is outside the command's group, so it survives the kill; Slurm must see it fail.
    if (gang) process.exit(137);
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
  if (!gang) relayedSignals.add(signal);
  killGroup(signal);
  startKillTimer(`received ${signal}`);
}
process.on('SIGTERM', () => onSignal('SIGTERM'));
process.on('SIGINT', () => onSignal('SIGINT'));

function spawnError(exitCode, message) {
  say(message);
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
  const names = ['SLURM_JOB_GPUS', 'SLURM_STEP_GPUS', ...adapter.slurm.setBySlurm];
  // A gang's SLURM_JOB_GPUS comes from the batch script's node; the step's variable is this node's.
  if (devices.slice && slurmEnv.SLURM_STEP_GPUS) slurmEnv.SLURM_JOB_GPUS = slurmEnv.SLURM_STEP_GPUS;
  for (const name of names) {
    if (slurmEnv[name] !== undefined && slurmEnv[name] !== '')
      slurmEnv[name] = renumber(slurmEnv[name], devices.slurmToLocal);
  }
  if (devices.slice) {
    const node = (slurmEnv.SLURM_STEP_GPUS || slurmEnv.SLURM_JOB_GPUS || '').split(',').filter((p) => p !== '');
    const { start, count } = devices.slice;
    const own = node
      .map(Number)
      .sort((a, b) => a - b)
      .slice(start, start + count);
    if (own.length < count)
      throw new Error(`Slurm allocated ${node.length} devices on this node; task slot ${start / count} needs more`);
    for (const name of names) slurmEnv[name] = own.join(',');
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
  if (existsSync(join(taskDir, 'cancel.json'))) {
    finish({ exitCode: null, signal: 'SIGTERM', reason: 'exited', message: 'cancelled before start' }, 143);
    return;
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
  child = spawn(program, command.slice(1), {
    cwd,
    env,
    stdio: ['ignore', gang ? logFd : 'inherit', gang ? logFd : 'inherit'],
    detached: gang,
  });
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
      say(`exceeded maxDuration ${maxDuration}s, sending SIGTERM`);
      if (!gang) relayedSignals.add('SIGTERM');
      killGroup('SIGTERM');
      startKillTimer(`exceeded maxDuration ${maxDuration}s`);
    }, maxDuration * 1000).unref();
  }
}

await run();
