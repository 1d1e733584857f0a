import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const seed = (file: string) => fileURLToPath(new URL(`../../../data/seed/${file}`, import.meta.url));

export const CategorizerConfig = z.object({
  /** The categories and their default kind (incident or service request). */
  TAXONOMY_FILE: z.string().min(1).default(seed('taxonomy.json')),
  /** Labeled examples given to the fallback tenant when it has none, so a new deployment categorizes at once. */
  SEED_EXAMPLES_FILE: z.string().min(1).default(seed('examples.csv')),
  FALLBACK_TENANT: z.string().min(1).default('default'),
  /** The categorizer abstains (needs-triage) below the confidence that keeps this held-out precision. */
  TARGET_PRECISION: z.coerce.number().gt(0.5).lt(1).default(0.9),
});

export type CategorizerConfig = z.infer<typeof CategorizerConfig>;
