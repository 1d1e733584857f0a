import { LogLevelSetting, PortSetting } from '@triage/runtime';
import { z } from 'zod';

/** The DATA_DIR that asks for nothing on disk. */
const MEMORY_ONLY = 'memory';

/** The one-process demo: everything embedded, one tenant with known keys. */
export const EmbeddedConfig = z.object({
  PORT: PortSetting.default(8080).describe('Port of the API, the pages, `/livez` and `/readyz`; 0 picks a free one.'),
  HEALTH_PORT: PortSetting.default(0).describe(
    'Port of Prometheus `/metrics` (with `/livez` and `/readyz`), on 127.0.0.1 only, since its series name tenants; 0 picks a free one (printed at start).',
  ),
  DATA_DIR: z
    .string()
    .min(1)
    .default(new URL('../../../.data', import.meta.url).pathname)
    .describe(
      `Folder of the embedded PostgreSQL, which also journals the in-process bus: a restart, even after a crash, routes every accepted ticket. Created if missing. \`${MEMORY_ONLY}\` keeps everything in memory, lost when the process ends.`,
    ),
  DEMO_TENANT: z.string().min(1).default('demo').describe('The tenant `npm start` seeds, and the one the operations page shows.'),
  DEMO_API_KEY: z.string().min(8).default('demo-api-key').describe("The demo tenant's API key."),
  DEMO_WIDGET_KEY: z.string().min(8).default('demo-widget-key').describe("The demo tenant's widget key, used by the `/demo` page."),
  DEMO_KB: z
    .string()
    .min(1)
    .default(new URL('../../../data/seed/kb', import.meta.url).pathname)
    .describe("Markdown folder or .jsonl file imported into the demo tenant's empty knowledge base."),
  LOG_LEVEL: LogLevelSetting,
});

export type EmbeddedConfig = z.infer<typeof EmbeddedConfig>;

/** The folder to keep the database and the bus journal in, or undefined for memory only. */
export const dataDirOf = (config: EmbeddedConfig): string | undefined => (config.DATA_DIR === MEMORY_ONLY ? undefined : config.DATA_DIR);
