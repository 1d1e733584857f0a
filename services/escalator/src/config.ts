import { z } from 'zod';

/** The escalator's own settings, on top of the platform's. */
export const EscalatorConfig = z.object({
  ESCALATION_POLICY_FILE: z
    .string()
    .optional()
    .describe('JSON file overriding the built-in SLA minutes per tier × priority, thresholds and queue names.'),
});

export type EscalatorConfig = z.infer<typeof EscalatorConfig>;
