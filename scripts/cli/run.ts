import { ConfigError } from '@triage/runtime';
import { UsageError } from './failures.ts';

/**
 * Runs a tool's `main` and turns any failure into one line on stderr: a usage mistake or a bad
 * setting exits 2, anything else (an unreachable server, a bad file, a refusal) exits 1. A stack
 * trace helps nobody who ran the tool; the message says what to do.
 */
export const runCli = async <T>(main: () => Promise<T>): Promise<T> => {
  try {
    return await main();
  } catch (error) {
    const usage = error instanceof UsageError || error instanceof ConfigError;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message}${error instanceof UsageError ? ' (see --help)' : ''}\n`);
    return process.exit(usage ? 2 : 1);
  }
};
