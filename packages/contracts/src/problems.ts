import { z } from 'zod';

/** A similar ticket of the same tenant, open or recently resolved, for the agent to look at first. */
export const RelatedTicket = z.strictObject({
  ticketId: z.string(),
  subject: z.string(),
  /** Cosine similarity of the two tickets' embeddings, 1 = same direction. */
  similarity: z.number().min(-1).max(1),
  state: z.enum(['open', 'resolved', 'closed']),
  receivedAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().optional(),
  resolutionNotes: z.string().optional(),
});

/** How the most similar resolved ticket was solved: possibly this ticket's answer. */
export const KnownResolution = z.strictObject({
  ticketId: z.string(),
  similarity: z.number().min(-1).max(1),
  notes: z.string(),
  resolvedAt: z.iso.datetime().optional(),
});

/** The major incident a ticket opened or joined: reports of one outage share one incident. */
export const IncidentMembership = z.strictObject({
  id: z.string(),
  action: z.enum(['opened', 'joined']),
  tickets: z.number().int().positive(),
  affectedCustomers: z.number().int().positive(),
  customers: z.array(z.string()),
  firstReportAt: z.iso.datetime(),
  lastReportAt: z.iso.datetime(),
});

export const ProblemMember = z.strictObject({
  ticketId: z.string(),
  customerId: z.string(),
  routedAt: z.iso.datetime(),
  /** The ticket in Triage's API. */
  link: z.string(),
  resolvedAt: z.iso.datetime().optional(),
});

/** What engineering reads to fix the root cause, gathered from the members' words. */
export const DraftBugReport = z.strictObject({
  title: z.string(),
  symptoms: z.array(z.string()),
  reproductionHints: z.array(z.string()),
  errorMessages: z.array(z.string()),
  versions: z.array(z.string()),
  firstSeen: z.iso.datetime(),
  lastSeen: z.iso.datetime(),
  impact: z.string(),
});

/**
 * A problem record: tickets of several customers that share one fault. Published on
 * `problems.detected` when it opens and on `problems.updated` (with `change`) as tickets join it
 * and when its members' resolutions resolve it.
 */
export const ProblemRecord = z.strictObject({
  problemId: z.string(),
  state: z.enum(['open', 'resolved']),
  change: z.enum(['opened', 'joined', 'resolved']),
  title: z.string(),
  category: z.string(),
  productArea: z.string(),
  ticketCount: z.number().int().positive(),
  affectedCustomers: z.strictObject({ count: z.number().int().positive(), ids: z.array(z.string()) }),
  errorMessages: z.array(z.string()),
  versions: z.array(z.string()),
  sampleTickets: z.array(z.strictObject({ ticketId: z.string(), subject: z.string(), excerpt: z.string() })).max(5),
  bugReport: DraftBugReport,
  members: z.array(ProblemMember),
  openedAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().optional(),
  resolution: z.string().optional(),
});

export type RelatedTicket = z.infer<typeof RelatedTicket>;
export type KnownResolution = z.infer<typeof KnownResolution>;
export type IncidentMembership = z.infer<typeof IncidentMembership>;
export type ProblemMember = z.infer<typeof ProblemMember>;
export type DraftBugReport = z.infer<typeof DraftBugReport>;
export type ProblemRecord = z.infer<typeof ProblemRecord>;
