// Junction task runner. Plain JavaScript so it starts fast (no tsx).
//
// Usage: node task-runner.js <taskDir>
//
// Contract with the supervisor (src/backends/process/supervisor.ts):
// - It is started detached, so it leads its own process group; the task's command runs in that
//   group, and stdout/stderr already point at the task's log file.
// - It reads <taskDir>/task.json: {command, env, workingDir, gracePeriodSeconds, maxDurationSeconds}.
// - It writes <taskDir>/runner.json once the command is spawned: {runnerPid, childPid, startedAt}.
// - SIGTERM/SIGINT reach the whole group exactly once (see onSignal); if the task has not ended
//   after the grace period, the runner records the kill in status.json and SIGKILLs the group.
// - On exit it writes <taskDir>/status.json atomically:
//   {exitCode, signal, reason: 'exited'|'timeout'|'spawn-error', message, finishedAt}.
//   Nothing is written when the runner itself is killed; the supervisor reports that case.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const taskDir = process.argv[2];
if (!taskDir) {
  process.stderr.write('junction task-runner: missing task directory argument\n');
  process.exit(2);
}

const task = JSON.parse(readFileSync(join(taskDir, 'task.json'), 'utf8'));
const graceMs = Math.max(0, Number(task.gracePeriodSeconds ?? 0)) * 1000;

let child;
let reason = 'exited';
let finished = false;
let killTimer;
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

// The last act of the runner: record the outcome, then clear out anything the task left behind
// in its group (background children). SIGKILL to the group ends the runner too.
function finish(status) {
  if (finished) return;
  finished = true;
  writeJsonAtomic('status.json', { ...status, finishedAt: new Date().toISOString() });
  killGroup('SIGKILL');
  process.exit(0);
}

function startKillTimer(why) {
  if (killTimer) return;
  killTimer = setTimeout(() => {
    const message = `${why}; did not exit within the ${task.gracePeriodSeconds ?? 0}s grace period, killed`;
    process.stderr.write(`junction: ${message}\n`);
    finish({ exitCode: null, signal: 'SIGKILL', reason, message });
  }, graceMs);
}

// A cancel from the supervisor signals the whole group and leaves cancel.json first, so the task
// already has the signal. A signal sent to the runner alone is relayed to the group; that relay
// reaches this process too, and the set tells the echo apart from a new request.
function onSignal(signal) {
  if (relayedSignals.has(signal)) {
    relayedSignals.delete(signal);
    return;
  }
  if (!child) return;
  if (!existsSync(join(taskDir, 'cancel.json'))) {
    relayedSignals.add(signal);
    killGroup(signal);
  }
  startKillTimer(`received ${signal}`);
}
process.on('SIGTERM', () => onSignal('SIGTERM'));
process.on('SIGINT', () => onSignal('SIGINT'));

function spawnError(exitCode, message) {
  process.stderr.write(`junction: ${message}\n`);
  finish({ exitCode, signal: null, reason: 'spawn-error', message });
}

function describeSpawnError(error, program) {
  if (error.code === 'ENOENT') return [127, `cannot start '${program}': command not found`];
  if (error.code === 'EACCES') return [126, `cannot start '${program}': permission denied`];
  return [127, `cannot start '${program}': ${error.message}`];
}

function run() {
  const command = Array.isArray(task.command) ? task.command : [];
  const program = command[0];
  if (typeof program !== 'string' || program === '') {
    spawnError(127, 'empty command');
    return;
  }
  const cwd = task.workingDir || undefined;
  // A missing cwd makes spawn fail with ENOENT as if the program were missing; say which it is.
  if (cwd && !(existsSync(cwd) && statSync(cwd).isDirectory())) {
    spawnError(127, `cannot start '${program}': working directory ${cwd} does not exist`);
    return;
  }

  child = spawn(program, command.slice(1), { cwd, env: task.env ?? {}, stdio: ['ignore', 'inherit', 'inherit'] });
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
    finish({ exitCode: code, signal, reason, message });
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

run();
