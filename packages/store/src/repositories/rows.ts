/** Both drivers return `timestamptz` as a Date; the store's records carry ISO strings. */
export const isoTime = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();

/** SQL NULL comes back as null; optional fields in the store's records are undefined instead. */
export const optional = <T>(value: T | null): T | undefined => value ?? undefined;

/** jsonb parameters go in as JSON text: pg would turn a JS array into a Postgres array instead. */
export const json = (value: unknown): string => JSON.stringify(value);
