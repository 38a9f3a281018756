/**
 * Reads a task's log file in chunks; with `follow`, keeps reading until the task has ended and the file is
 * drained, or the signal aborts. A file that does not exist yet yields nothing (unless followed: then it is
 * waited for, since Slurm creates it only when the job starts).
 */
import { open } from 'node:fs/promises';
import type { LogOptions } from './types.js';

const CHUNK_BYTES = 64 * 1024;

export interface LogFileOptions extends LogOptions {
  /** Whether the task has ended; asked before each drain, so nothing written before the end is missed. */
  ended: () => boolean;
  pollIntervalMs: number;
}

export async function* readLogFile(path: string, options: LogFileOptions): AsyncIterable<string> {
  const { signal } = options;
  let file: Awaited<ReturnType<typeof open>> | undefined;
  while (file === undefined) {
    try {
      file = await open(path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      if (!options.follow || options.ended() || signal?.aborted) return;
      await sleep(options.pollIntervalMs, signal);
    }
  }
  try {
    const decoder = new TextDecoder();
    const buffer = Buffer.alloc(CHUNK_BYTES);
    let position = 0;
    while (!signal?.aborted) {
      const ended = !options.follow || options.ended();
      for (;;) {
        const { bytesRead } = await file.read(buffer, 0, buffer.length, position);
        if (bytesRead === 0) break;
        position += bytesRead;
        const text = decoder.decode(buffer.subarray(0, bytesRead), { stream: true });
        if (text) yield text;
        if (signal?.aborted) return;
      }
      if (ended) break;
      await sleep(options.pollIntervalMs, signal);
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } finally {
    await file.close();
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
