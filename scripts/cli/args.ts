import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './failures.ts';

/** `--help` or `-h` anywhere: print `usage` and exit 0, before anything else is checked. */
export const helpRequested = (usage: string, args = process.argv.slice(2)): void => {
  if (!args.some((a) => a === '--help' || a === '-h')) return;
  process.stdout.write(`${usage.trimEnd()}\n`);
  process.exit(0);
};

/** node's parseArgs, strict, with its refusals (an unknown option, a missing value) as usage errors. */
export const parseCli = <T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> => {
  try {
    return parseArgs({ args: process.argv.slice(2), strict: true, ...config }) as ReturnType<typeof parseArgs<T>>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) throw new UsageError((error as Error).message);
    throw error;
  }
};
