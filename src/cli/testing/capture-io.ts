/**
 * A CliIo for tests: captures stdout and stderr, feeds stdin from a string, and lets the test
 * press Ctrl-C.
 */
import type { CliIo, OutStream } from '../io.js';

export interface CapturedStream extends OutStream {
  text: string;
}

export interface CaptureIo extends CliIo {
  stdout: CapturedStream;
  stderr: CapturedStream;
  /** Simulates Ctrl-C: calls the handlers registered through onInterrupt. */
  interrupt(): void;
}

function capture(isTTY: boolean): CapturedStream {
  const stream: CapturedStream = {
    text: '',
    isTTY,
    columns: 80,
    write(chunk: string) {
      stream.text += chunk;
      return true;
    },
  };
  return stream;
}

export interface CaptureOptions {
  stdin?: string;
  env?: Record<string, string | undefined>;
  now?: Date;
  tty?: boolean;
}

export function captureIo(options: CaptureOptions = {}): CaptureIo {
  const handlers = new Set<() => void>();
  return {
    stdout: capture(options.tty ?? false),
    stderr: capture(options.tty ?? false),
    stdin: (async function* () {
      if (options.stdin !== undefined) yield options.stdin;
    })(),
    env: options.env ?? {},
    now: () => options.now ?? new Date('2026-01-01T00:00:00Z'),
    onInterrupt(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    interrupt() {
      for (const handler of [...handlers]) handler();
    },
    pollIntervalMs: 5,
  };
}
