import { z } from 'zod';

const Head = z.strictObject({ weights: z.string(), bias: z.number(), c: z.number(), temperature: z.number() });
const Scaling = { mean: z.string(), scale: z.string() };
const Shares = z.strictObject({ high: z.number(), medium: z.number(), low: z.number() });

/**
 * A fitted escalation model as plain JSON (typed arrays as base64), so it can be stored anywhere
 * and loaded by `loadEscalation`. Ordinal in two steps: `high` gives P(high); `low` gives
 * P(low | not high), fitted on the other rows.
 */
export const EscalationState = z.strictObject({
  format: z.literal('escalation'),
  version: z.literal(1),
  tfidf: z.strictObject({ buckets: z.number().int().positive(), features: z.string(), idf: z.string() }),
  embedding: z.strictObject({ embedder: z.string(), weight: z.number(), ...Scaling }).optional(),
  structured: z.strictObject({ names: z.array(z.string()), ...Scaling }),
  /** `tier`, when the outcomes named the resolving tier: P(tier 2 or above). */
  heads: z.strictObject({ high: Head, low: Head, tier: Head.optional() }),
  /** Training share of each urgency, for the balanced decision. */
  priors: Shares,
  report: z.strictObject({ examples: z.number(), holdoutExamples: z.number(), trainSeconds: z.number() }),
});
export type EscalationState = z.infer<typeof EscalationState>;
