/** A problem with an input file, reported as `file:line: reason` with no stack trace. */
export class InputError extends Error {
  constructor(file: string, line: number | undefined, reason: string) {
    super(line === undefined ? `${file}: ${reason}` : `${file}:${line}: ${reason}`);
    this.name = 'InputError';
  }
}
