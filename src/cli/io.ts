/**
 * The CLI's view of its process: streams, environment, clock and Ctrl-C. Commands receive it
 * instead of touching `process`, so tests run them in-process and read what they wrote.
 */

export interface OutStream {
  write(chunk: string): boolean;
  isTTY?: boolean;
  columns?: number;
  once?(event: 'drain', listener: () => void): unknown;
}

export interface CliIo {
  stdout: OutStream;
  stderr: OutStream;
  stdin: AsyncIterable<string | Uint8Array>;
  env: Readonly<Record<string, string | undefined>>;
  now(): Date;
  /**
   * Calls `handler` on Ctrl-C until the returned function is called. While a handler is registered
   * Ctrl-C does not end the process; the handler decides what happens.
   */
  onInterrupt(handler: () => void): () => void;
  /** Pause between polls of a job's state while following it. */
  pollIntervalMs: number;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    now: () => new Date(),
    onInterrupt(handler) {
      process.on('SIGINT', handler);
      return () => {
        process.off('SIGINT', handler);
      };
    },
    pollIntervalMs: 1000,
  };
}

/** Writes and, when the stream is full, waits until it drains (log streams can be large). */
export async function writeAll(stream: OutStream, text: string): Promise<void> {
  if (stream.write(text) || !stream.once) return;
  const once = stream.once.bind(stream);
  await new Promise<void>((resolve) => once('drain', resolve));
}

export async function readAll(input: AsyncIterable<string | Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of input) {
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
