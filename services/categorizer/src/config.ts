import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const seed = (file: string) => fileURLToPath(new URL(`../../../data/seed/${file}`, import.meta.url));

export const CategorizerConfig = z.object({
  TAXONOMY_FILE: z
    .string()
    .min(1)
    .default(seed('taxonomy.json'))
    .describe('JSON file of the categories and their default kind (incident or service request).'),
  SEED_EXAMPLES_FILE: z
    .string()
    .min(1)
    .default(seed('examples.csv'))
    .describe('Labeled examples given to the fallback tenant when it has none, so a new deployment categorizes at once.'),
  FALLBACK_TENANT: z
    .string()
    .min(1)
    .default('default')
    .describe('The tenant whose model categorizes for tenants without labeled examples of their own; it gets the seed examples.'),
  TARGET_PRECISION: z.coerce
    .number()
    .gt(0.5)
    .lt(1)
    .default(0.9)
    .describe('The categorizer abstains (`needs-triage`) below the confidence that keeps this precision on held-out examples.'),
});

export type CategorizerConfig = z.infer<typeof CategorizerConfig>;
