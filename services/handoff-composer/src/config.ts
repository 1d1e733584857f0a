import { z } from 'zod';

/** The handoff composer's own settings: related tickets and one incident per outage. */
export const HandoffConfig = z.object({
  RELATED_TICKETS: z
    .stringbool()
    .default(true)
    .describe("Adds up to five similar tickets of the tenant (open or recently resolved) and the best one's resolution to each packet."),
  RELATED_MIN_SIMILARITY: z.coerce
    .number()
    .min(-1)
    .max(1)
    .default(0.5)
    .describe('Cosine similarity of the ticket embeddings below which a ticket is not related.'),
  RELATED_RESOLVED_DAYS: z.coerce
    .number()
    .int()
    .positive()
    .default(90)
    .describe('Resolved or closed tickets count as related for this many days after their resolution.'),
  INCIDENT_GROUPING: z
    .stringbool()
    .default(true)
    .describe(
      'Reports of one outage join the open major incident instead of each opening one; `incidents.major` says `opened` or `joined`. Off, packets carry no incident.',
    ),
  INCIDENT_WINDOW_MINUTES: z.coerce
    .number()
    .positive()
    .default(30)
    .describe('A major incident takes new reports for this long after its last one.'),
  INCIDENT_MIN_SIMILARITY: z.coerce
    .number()
    .min(-1)
    .max(1)
    .default(0.6)
    .describe('A report joins an open incident of its category, or one holding a report at least this similar.'),
});

export type HandoffConfig = z.infer<typeof HandoffConfig>;
