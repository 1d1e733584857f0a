import type { BusLogger } from './types.ts';

/** Without a logger, warnings and errors still reach stderr as JSON lines; nothing is swallowed. */
export const stderrLogger: BusLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (msg, fields) => console.error(JSON.stringify({ level: 'warn', msg, ...fields })),
  error: (msg, fields) => console.error(JSON.stringify({ level: 'error', msg, ...fields })),
};
