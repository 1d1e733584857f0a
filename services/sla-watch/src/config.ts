import { z } from 'zod';

/** The SLA watch's own settings, on top of the platform's. */
export const SlaWatchConfig = z.object({
  SLA_CALENDARS_FILE: z
    .string()
    .optional()
    .describe(
      'JSON file of business-hours calendars per tenant and customer tier (time zone, weekly hours, holidays, or "24x7"); unset, every SLA clock runs 24x7.',
    ),
  SLA_AT_RISK_SHARE: z.coerce
    .number()
    .gt(0)
    .lt(1)
    .default(0.75)
    .describe("Share of a deadline's window, in business time, after which the watch escalates it to the queue's lead as at risk."),
  SLA_WINDOW_SCALE: z.coerce
    .number()
    .gt(0)
    .max(1)
    .default(1)
    .describe('Multiplies every SLA window the escalator set: below 1 shortens deadlines (a demo or a test), 1 keeps them as they are.'),
  SLA_SCAN_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(10)
    .max(10_000)
    .default(500)
    .describe('Longest wait between two looks for due deadlines: bounds how late the watch sees one another instance opened or resumed.'),
  SLA_SCAN_BATCH: z.coerce.number().int().min(1).max(5_000).default(500).describe('Due deadlines fired in one transaction.'),
});

export type SlaWatchConfig = z.infer<typeof SlaWatchConfig>;
