/** A bad federation-simulation input, named by file, line and column (1-based; 0 = the whole line or file). */
export class SimInputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}${column > 0 ? `:${column}` : ''}: ${reason}`);
    this.name = 'SimInputError';
  }
}
