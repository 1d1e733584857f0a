/** A mistake in how a tool was called: one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A server the tool needs does not answer: one line naming the setting that points at it, exit code 1. */
export class Unreachable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Unreachable';
  }
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EAI_AGAIN', 'ECONNRESET']);

/** Whether `error`, or one it wraps (Node's AggregateError for localhost's two addresses, a fetch's cause), failed to connect. */
export const isNetworkError = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  const { code } = error as NodeJS.ErrnoException;
  if (code && NETWORK_CODES.has(code)) return true;
  const inner = [...(error instanceof AggregateError ? error.errors : []), error.cause];
  return inner.some(isNetworkError);
};
