import { z } from 'zod';
import { AuthFailureConfig, ClientAddressConfig, KeyCacheConfig, RateLimitConfig } from '@triage/http';

/** When a group of similar tickets becomes a problem record; each tenant may override any of them. */
export const ProblemThresholds = z.strictObject({
  /** Tickets in the group, the new one included. */
  minTickets: z.number().int().min(2),
  /** Distinct customers among them. */
  minCustomers: z.number().int().min(1),
  windowMinutes: z.number().positive(),
  /** Or: the category's tickets in the window reach this multiple of its usual rate (from fewer customers). */
  rateFactor: z.number().min(1),
  /** Cosine similarity two tickets need to be grouped at all. */
  minSimilarity: z.number().min(-1).max(1),
  /** Similarity at which tickets of one category group without sharing an error string. */
  strongSimilarity: z.number().min(-1).max(1),
});
export type ProblemThresholds = z.infer<typeof ProblemThresholds>;

const TenantThresholds = z.record(z.string().min(1), ProblemThresholds.partial());

export const ProblemsConfig = z.object({
  // Its API keys open the same tenants' data as at intake, so they are guarded alike.
  ...ClientAddressConfig.shape,
  ...AuthFailureConfig.shape,
  ...RateLimitConfig.shape,
  ...KeyCacheConfig.shape,
  PROBLEMS: z
    .stringbool()
    .default(true)
    .describe(
      'Groups similar tickets into problem records (`problems.detected`, `GET /v1/problems`); off, the embedded process leaves the service out.',
    ),
  PROBLEM_MIN_TICKETS: z.coerce.number().int().min(2).default(5).describe('Tickets a group of similar ones needs to open a problem.'),
  PROBLEM_MIN_CUSTOMERS: z.coerce.number().int().min(1).default(3).describe('Distinct customers among them.'),
  PROBLEM_WINDOW_MINUTES: z.coerce.number().positive().default(30).describe('The sliding window the group must fall in.'),
  PROBLEM_RATE_FACTOR: z.coerce
    .number()
    .min(1)
    .default(5)
    .describe(
      "Or a group opens one, however few its customers, when its category's tickets in the window reach this multiple of the category's usual rate (measured over the week before, once a day of history exists).",
    ),
  PROBLEM_MIN_SIMILARITY: z.coerce
    .number()
    .min(-1)
    .max(1)
    .default(0.55)
    .describe('Cosine similarity two tickets need to be grouped, besides sharing an error string.'),
  PROBLEM_STRONG_SIMILARITY: z.coerce
    .number()
    .min(-1)
    .max(1)
    .default(0.8)
    .describe('Similarity at which tickets of one category group without sharing an error string.'),
  PROBLEM_TENANT_THRESHOLDS: z
    .string()
    .default('{}')
    .transform((text, ctx) => {
      try {
        return TenantThresholds.parse(JSON.parse(text));
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: `expected {"<tenant>": {"minTickets": 5, …}}: ${(err as Error).message}` });
        return z.NEVER;
      }
    })
    .describe(
      'JSON of per-tenant overrides: `{"acme": {"minTickets": 3, "minCustomers": 2, "windowMinutes": 60, "rateFactor": 4, "minSimilarity": 0.6, "strongSimilarity": 0.85}}`.',
    ),
});
export type ProblemsConfig = z.infer<typeof ProblemsConfig>;

/** The thresholds of a tenant: its overrides over the defaults. */
export const thresholdsFor =
  (config: ProblemsConfig) =>
  (tenantId: string): ProblemThresholds => ({
    minTickets: config.PROBLEM_MIN_TICKETS,
    minCustomers: config.PROBLEM_MIN_CUSTOMERS,
    windowMinutes: config.PROBLEM_WINDOW_MINUTES,
    rateFactor: config.PROBLEM_RATE_FACTOR,
    minSimilarity: config.PROBLEM_MIN_SIMILARITY,
    strongSimilarity: config.PROBLEM_STRONG_SIMILARITY,
    ...config.PROBLEM_TENANT_THRESHOLDS[tenantId],
  });
