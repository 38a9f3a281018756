/**
 * Deleting a pod deletes its log. For a task Junction cancels, the backend follows the log from before the
 * deletion to the container's end and keeps it here, so `logs` still shows what the task printed while it
 * stopped. Kept in memory for the life of the backend instance, the last `limitBytes` of each log.
 */
export class LogKeeper {
  readonly #logs = new Map<string, { text: string; done: Promise<void> }>();
  readonly #limit: number;
  readonly #onError: (error: unknown) => void;

  constructor(limitBytes: number, onError: (error: unknown) => void) {
    this.#limit = limitBytes;
    this.#onError = onError;
  }

  keep(taskId: string, chunks: AsyncIterable<string>): void {
    const entry = { text: '', done: Promise.resolve() };
    entry.done = (async () => {
      try {
        for await (const chunk of chunks) {
          entry.text += chunk;
          if (entry.text.length > this.#limit) entry.text = entry.text.slice(entry.text.length - this.#limit);
        }
      } catch (error) {
        this.#onError(error);
      }
    })();
    this.#logs.set(taskId, entry);
  }

  has(taskId: string): boolean {
    return this.#logs.has(taskId);
  }

  /** The whole kept log, once the container has ended. */
  async read(taskId: string): Promise<string> {
    const entry = this.#logs.get(taskId);
    if (entry === undefined) return '';
    await entry.done;
    return entry.text;
  }
}
