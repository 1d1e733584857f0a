import { z } from 'zod';

/** Raised at boot when the environment does not describe a valid configuration. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Parses configuration once, at the edge. Every problem is reported at once, by variable name,
 * so a misconfigured process refuses to start instead of failing later.
 */
export const loadConfig = <S extends z.ZodType>(schema: S, env: Record<string, string | undefined> = process.env): z.infer<S> => {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`).join('\n');
  throw new ConfigError(`invalid configuration:\n${problems}`);
};

/** Comma-separated env value → non-empty string list. */
export const csv = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string()).min(1));

/** `true/false/1/0/yes/no` env value → boolean. */
export const flag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');
