import { z } from 'zod';
import { TicketKind } from './decisions.ts';

/** The categories tickets are sorted into (`TAXONOMY_FILE`), each with what it covers and its usual kind. */
export const Taxonomy = z.strictObject({
  categories: z
    .array(z.strictObject({ name: z.string().min(1), description: z.string(), defaultKind: TicketKind }))
    .min(2)
    .refine((cs) => new Set(cs.map((c) => c.name)).size === cs.length, 'category names must be unique'),
});

export type Taxonomy = z.infer<typeof Taxonomy>;
