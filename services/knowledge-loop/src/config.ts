import { z } from 'zod';
import { AuthFailureConfig, ClientAddressConfig, KeyCacheConfig, RateLimitConfig } from '@triage/http';

/** The knowledge loop's own settings, on top of the platform's (Kafka, PostgreSQL, logging). */
export const KnowledgeLoopConfig = z.object({
  // Its API keys open the same tenants' data as at intake, so they are guarded alike.
  ...ClientAddressConfig.shape,
  ...AuthFailureConfig.shape,
  ...RateLimitConfig.shape,
  ...KeyCacheConfig.shape,
  KB_GAP_MAX_CONFIDENCE: z.coerce
    .number()
    .min(0)
    .max(1)
    .default(0.5)
    .describe(
      "A ticket an agent resolved without naming an article is a knowledge gap when the retrieval's probability that its best article answered it was below this.",
    ),
  KB_GAP_MIN_SIMILARITY: z.coerce
    .number()
    .min(-1)
    .max(1)
    .default(0.55)
    .describe(
      "A gap joins the group of its most similar earlier gap of the same category from this cosine similarity of the tickets' vectors (the categorizer's embedding); below it, it opens a group of its own.",
    ),
  KB_GAP_MIN_TEXT_SIMILARITY: z.coerce
    .number()
    .min(0)
    .max(1)
    .default(0.2)
    .describe(
      "The same bar for the TF-IDF cosine of the tickets' words, used instead when some ticket has no stored vector (it was categorized before vectors were kept).",
    ),
  KB_GAP_CANDIDATES: z.coerce
    .number()
    .int()
    .min(1)
    .max(5_000)
    .default(200)
    .describe(
      'How many of the most recent gaps of the same category a new gap is compared with; the TF-IDF fit over them is most of the time a gap takes.',
    ),
  KB_STALE_MIN_UNHELPFUL: z.coerce
    .number()
    .int()
    .min(1)
    .default(3)
    .describe('An article is flagged stale only once this many deflections credited to it did not help.'),
  KB_STALE_MAX_HELPFUL_SHARE: z.coerce
    .number()
    .min(0)
    .max(1)
    .default(0.4)
    .describe(
      'An article is flagged stale when its share of help, (helpful votes + tickets resolved with it) / (all votes + tickets resolved with it), is at most this.',
    ),
});

export type KnowledgeLoopConfig = z.infer<typeof KnowledgeLoopConfig>;
