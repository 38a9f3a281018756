/**
 * A one-line status on stderr ("⠋ waiting: no node has 4 free devices"), redrawn in place.
 * It only draws on a terminal; elsewhere every call is a no-op, so logs and pipes stay clean.
 */
import { truncate } from './format.js';
import type { OutStream } from './io.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const FRAME_MS = 100;
const CLEAR_LINE = '\r\x1b[2K';

export class ProgressLine {
  private readonly stream: OutStream;
  private readonly enabled: boolean;
  private text = '';
  private frame = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(stream: OutStream) {
    this.stream = stream;
    this.enabled = stream.isTTY === true;
  }

  /** Shows `text`, starting the animation on the first call. */
  update(text: string): void {
    if (!this.enabled) return;
    this.text = text;
    if (!this.timer) {
      this.timer = setInterval(() => this.draw(), FRAME_MS);
      this.timer.unref();
    }
    this.draw();
  }

  /** Erases the line; `update` may start it again later. */
  stop(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.stream.write(CLEAR_LINE);
  }

  private draw(): void {
    const frame = FRAMES[this.frame % FRAMES.length] ?? '';
    this.frame += 1;
    // A line longer than the terminal wraps, and `\r` can then no longer erase it.
    const width = (this.stream.columns ?? 80) - 3;
    this.stream.write(`${CLEAR_LINE}${frame} ${truncate(this.text, width)}`);
  }
}
