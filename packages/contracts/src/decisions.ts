import { z } from 'zod';

/** Sentinel category for tickets the categorizer is not sure enough about. */
export const NEEDS_TRIAGE = 'needs-triage';

export const TicketKind = z.enum(['incident', 'service_request']);

export const Categorization = z.strictObject({
  category: z.string().min(1),
  kind: TicketKind,
  confidence: z.number().min(0).max(1),
  abstained: z.boolean(),
  modelVersion: z.string(),
  alternatives: z.array(z.strictObject({ category: z.string(), probability: z.number().min(0).max(1) })).max(5),
});

export const Solution = z.strictObject({
  articleId: z.string(),
  title: z.string(),
  snippet: z.string(),
  url: z.string().optional(),
  score: z.number(),
});

export const Retrieval = z.strictObject({
  solutions: z.array(Solution).max(3),
  topScore: z.number(),
  /** Calibrated probability that the best article answers the ticket. */
  confidence: z.number().min(0).max(1),
  /** The best article is strong enough for the customer to solve it alone. */
  selfServe: z.boolean(),
});

export const Priority = z.enum(['P1', 'P2', 'P3', 'P4']);
export const Level = z.enum(['high', 'medium', 'low']);

export const Sentiment = z.strictObject({
  /** -1 (furious) .. 1 (delighted). */
  score: z.number().min(-1).max(1),
  frustrated: z.boolean(),
  source: z.enum(['lexicon', 'llm']),
});

/** What the customer's wording says about urgency and scope, found by fixed phrases only. */
export const TextSignals = z.strictObject({
  /** Phrases that describe something down, lost, breached or blocked (as found in the text). */
  outage: z.array(z.string()),
  /** Phrases that say many or all users are hit. */
  broadScope: z.array(z.string()),
  /** Stated urgency or production use, short of an outage. */
  urgent: z.array(z.string()),
  /** The customer says they have asked before. */
  repeatContact: z.boolean(),
  /** Text shaped like instructions to a model or router; reported, never obeyed. */
  instructionLike: z.boolean(),
});

/** Technical details a ticket names: what makes it harder, and what an agent wants to see first. */
export const TechnicalEntities = z.strictObject({
  errorCodes: z.array(z.string()),
  httpStatuses: z.array(z.string()),
  versions: z.array(z.string()),
  urls: z.array(z.string()),
  /** The most telling line of a stack trace (the exception line when present). */
  stackTraceHead: z.string().optional(),
});

/** The escalator's reading of the customer's text: what it decided on, and what the handoff packet quotes. */
export const TextAnalysis = z.strictObject({ signals: TextSignals, entities: TechnicalEntities });

export const SlaDeadlines = z.strictObject({
  firstResponseDueAt: z.iso.datetime(),
  resolutionDueAt: z.iso.datetime(),
});

/** A machine-readable reason behind an escalation decision. */
export const Reason = z.strictObject({
  code: z.string(),
  detail: z.string().optional(),
});

export const Escalation = z.strictObject({
  priority: Priority,
  impact: Level,
  urgency: Level,
  tier: z.number().int().min(0).max(3),
  queue: z.string().min(1),
  majorIncident: z.boolean(),
  sentiment: Sentiment,
  complexity: z.number().min(0).max(1),
  sla: SlaDeadlines,
  reasons: z.array(Reason),
});

export const HandoffPacket = z.strictObject({
  summary: z.string(),
  evidence: z.array(z.string()),
  tried: z.array(z.string()),
  hypothesis: z.string(),
  openQuestions: z.array(z.string()),
  customerSentiment: z.string(),
  slaClock: z.strictObject({
    firstResponseDueAt: z.iso.datetime(),
    resolutionDueAt: z.iso.datetime(),
    minutesToFirstResponse: z.number(),
  }),
  suggestedArticles: z.array(Solution).max(3),
});

export type TicketKind = z.infer<typeof TicketKind>;
export type Categorization = z.infer<typeof Categorization>;
export type Solution = z.infer<typeof Solution>;
export type Retrieval = z.infer<typeof Retrieval>;
export type Priority = z.infer<typeof Priority>;
export type Level = z.infer<typeof Level>;
export type Sentiment = z.infer<typeof Sentiment>;
export type TextSignals = z.infer<typeof TextSignals>;
export type TechnicalEntities = z.infer<typeof TechnicalEntities>;
export type TextAnalysis = z.infer<typeof TextAnalysis>;
export type SlaDeadlines = z.infer<typeof SlaDeadlines>;
export type Reason = z.infer<typeof Reason>;
export type Escalation = z.infer<typeof Escalation>;
export type HandoffPacket = z.infer<typeof HandoffPacket>;
