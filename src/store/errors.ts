/**
 * The one error class the Store raises. `code` says which kind of failure it is; `operation`
 * names the Store method (or start-up step) that failed; the driver's error is in `cause`.
 */
export type StoreErrorCode = 'OpenFailed' | 'MigrationFailed' | 'CommitFailed' | 'QueryFailed' | 'InvalidCursor';

export class StoreError extends Error {
  override readonly name = 'StoreError';

  constructor(
    readonly code: StoreErrorCode,
    readonly operation: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** Wraps an unknown failure of `operation`; a StoreError passes through unchanged. */
  static wrap(code: StoreErrorCode, operation: string, cause: unknown): StoreError {
    if (cause instanceof StoreError) return cause;
    const detail = cause instanceof Error ? cause.message : String(cause);
    return new StoreError(code, operation, `${operation} failed: ${detail}`, { cause });
  }
}
