import { z } from 'zod';
import { AuthFailureConfig, ClientAddressConfig, KeyCacheConfig, RateLimitConfig } from '@triage/http';

/** Insights' own settings, on top of the platform's (Kafka, PostgreSQL, logging). */
export const InsightsConfig = z.object({
  // Its API keys open the same tenants' data as at intake, so they are guarded alike.
  ...ClientAddressConfig.shape,
  ...AuthFailureConfig.shape,
  ...RateLimitConfig.shape,
  ...KeyCacheConfig.shape,
  OPS_DEFAULT_TENANT: z
    .string()
    .min(1)
    .default('demo')
    .describe('The tenant the operations page shows an operator when its URL names none.'),
  SLA_CALENDARS_FILE: z
    .string()
    .optional()
    .describe(
      "The SLA watch's business-hours calendars file, for the measured times and SLA compliance on the SLA's clock; unset, every desk counts as open 24x7.",
    ),
  OPS_SESSION_SECRET: z
    .string()
    .min(32, 'use at least 32 characters')
    .optional()
    .describe(
      "Signs the operations page's sign-in sessions (12 hours each); give every insights instance behind one address the same. Unset, each process picks a random one, so a restart signs everyone out.",
    ),
});

export type InsightsConfig = z.infer<typeof InsightsConfig>;
