type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` (e.g. ticketId, tenantId) to every line. */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  service: string;
  level?: Level;
  /** Scrubs customer data from every line before it is written. */
  redact?: (fields: LogFields) => LogFields;
  write?: (line: string) => void;
}

const errorFields = (fields: LogFields): LogFields => {
  const err = fields.err;
  return err instanceof Error ? { ...fields, err: { name: err.name, message: err.message, stack: err.stack } } : fields;
};

/** Structured JSON lines, one per event, with the service name and bound context. */
export const createLogger = (options: LoggerOptions, bound: LogFields = {}): Logger => {
  const min = order[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const redact = options.redact ?? ((f: LogFields) => f);
  const log = (level: Level, msg: string, fields: LogFields = {}): void => {
    if (order[level] < min) return;
    const scrubbed = redact(errorFields({ ...bound, ...fields, msg }));
    write(JSON.stringify({ time: new Date().toISOString(), level, service: options.service, ...scrubbed }));
  };
  return {
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
    child: (fields) => createLogger(options, { ...bound, ...fields }),
  };
};
