import { UsageError } from '../cli/failures.ts';

export interface Invocation {
  /** Positionals after the command's words. */
  args: string[];
  tenant?: string | undefined;
  name?: string | undefined;
  origin?: string[] | undefined;
  /** A chosen widget identity secret. */
  secret?: string | undefined;
  events?: string | undefined;
  limit?: string | undefined;
}

export const one = (args: string[], what: string): string => {
  if (args.length !== 1 || !args[0]) throw new UsageError(`give exactly one ${what}`);
  return args[0];
};

export const none = (args: string[]): void => {
  if (args.length > 0) throw new UsageError(`unexpected argument ${args[0]}`);
};

export const tenantOf = (inv: Invocation): string => {
  if (!inv.tenant) throw new UsageError('--tenant <id> is required');
  return inv.tenant;
};
