import { z } from 'zod';

/** The one-process demo: everything embedded, one tenant with known keys. */
export const EmbeddedConfig = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Keeps the embedded PostgreSQL on disk; in memory when unset. */
  DATA_DIR: z.string().min(1).optional(),
  DEMO_TENANT: z.string().min(1).default('demo'),
  DEMO_API_KEY: z.string().min(8).default('demo-api-key'),
  DEMO_WIDGET_KEY: z.string().min(8).default('demo-widget-key'),
  /** Markdown folder or .jsonl file imported into the demo tenant's empty knowledge base. */
  DEMO_KB: z
    .string()
    .min(1)
    .default(new URL('../../../data/seed/kb', import.meta.url).pathname),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type EmbeddedConfig = z.infer<typeof EmbeddedConfig>;
