import { z } from 'zod';

/** The Request Tracker connector's own settings, on top of the platform's. */
export const RtConnectorConfig = z.object({
  RT_URL: z.url().describe('Base URL of Request Tracker 5 (its REST 2 API is under `/REST/2.0`); unset, `npm start` runs no connector.'),
  RT_USER: z.string().min(1).default('root').describe('RT user the connector acts as (basic auth); it creates tickets and custom fields.'),
  RT_PASSWORD: z.string().min(1).describe("That user's password."),
  RT_TENANTS_FILE: z
    .string()
    .min(1)
    .describe(
      'JSON file naming, per tenant, the RT queue of each Triage queue (`{"acme": {"queues": {"tier1-billing": "Billing"}, "defaultQueue": "General"}}`); tenants not in it are not sent to RT.',
    ),
  RT_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4).describe('Routed tickets sent to RT at once.'),
  RT_POLL_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(600_000)
    .default(2_000)
    .describe("Wait between two reads of RT's new transactions when the last read found none."),
});

export type RtConnectorConfig = z.infer<typeof RtConnectorConfig>;
