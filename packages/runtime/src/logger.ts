import pino from 'pino';

type Level = 'debug' | 'info' | 'warn' | 'error';

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

/**
 * An error as pino serialises it (type, message and stack with their causes, `code` and the like),
 * keeping only its primitive fields: the redactor walks plain objects only, so a nested object
 * (another error, a request) would reach the line unscrubbed.
 */
const errorFields = (fields: LogFields): LogFields => {
  const err = fields.err;
  if (!(err instanceof Error)) return fields;
  const serialised = Object.entries(pino.stdSerializers.err(err)).filter(([, value]) => value === null || typeof value !== 'object');
  // `name` too: pino's `type` is the constructor's name, which bundled libraries minify.
  return { ...fields, err: { name: err.name, ...Object.fromEntries(serialised) } };
};

/** Structured JSON lines, one per event, with the service name and bound context (pino underneath). */
export const createLogger = (options: LoggerOptions): Logger => {
  const redact = options.redact ?? ((fields: LogFields) => fields);
  // Synchronous, so a line logged just before `process.exit` (see stopAndExit) is not lost.
  const destination = options.write ? lineWriter(options.write) : pino.destination({ sync: true });
  const root = pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Errors arrive serialised and scrubbed by errorFields; pino's own serialiser would take them for errors again.
      serializers: { err: (err: unknown) => err },
    },
    destination,
  );
  return wrap(root, redact);
};

const wrap = (logger: pino.Logger, redact: (fields: LogFields) => LogFields): Logger => {
  const log =
    (level: Level) =>
    (msg: string, fields: LogFields = {}): void => {
      if (!logger.isLevelEnabled(level)) return;
      // The message goes through the redactor with the fields, as it may quote customer text too.
      const { msg: scrubbed, ...rest } = redact(errorFields({ ...fields, msg }));
      logger[level](rest, String(scrubbed));
    };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    // Bound fields are scrubbed once, here: pino writes a child's bindings as given.
    child: (fields) => wrap(logger.child(redact(errorFields(fields))), redact),
  };
};

/** Hands each line to `write` without pino's trailing newline. */
const lineWriter = (write: (line: string) => void): pino.DestinationStream => ({
  write: (line) => write(line.endsWith('\n') ? line.slice(0, -1) : line),
});
