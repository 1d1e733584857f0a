import { z } from 'zod';
import { IncidentMembership, KnownResolution, RelatedTicket } from './problems.ts';

/** Sentinel category for tickets the categorizer is not sure enough about. */
export const NEEDS_TRIAGE = 'needs-triage';

export const TicketKind = z.enum(['incident', 'service_request']);

export const Categorization = z.strictObject({
  category: z.string().min(1).describe('The category the ticket was sorted into; `needs-triage` when the categorizer abstained'),
  kind: TicketKind.describe('incident: something is broken; service_request: something is asked for'),
  confidence: z.number().min(0).max(1).describe("The model's probability of that category"),
  abstained: z.boolean().describe('Below the confidence that keeps the target precision: a person should categorize it'),
  modelVersion: z.string().describe('The categorizer model that decided'),
  alternatives: z
    .array(z.strictObject({ category: z.string(), probability: z.number().min(0).max(1) }))
    .max(5)
    .describe('The next most likely categories'),
});

export const Solution = z.strictObject({
  articleId: z.string().describe("The knowledge-base article's id within the tenant"),
  title: z.string(),
  snippet: z.string().describe('The passage that matched'),
  url: z.string().optional().describe("The article's own page, when it has one"),
  score: z.number().describe('How well it matched: higher is better'),
});

export const Retrieval = z.strictObject({
  solutions: z.array(Solution).max(3).describe('The top knowledge-base articles, best first'),
  topScore: z.number().describe("The best article's score"),
  confidence: z.number().min(0).max(1).describe('Calibrated probability that the best article answers the ticket'),
  selfServe: z.boolean().describe('The best article is strong enough for the customer to solve it alone'),
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
  /** Account takeover, unknown logins, leaked or rotated keys, data exposure: for the security queue. */
  security: z.array(z.string()),
  /** A regression after an upgrade, a stack trace or a reproducible error: a defect for engineering. */
  defect: z.array(z.string()),
  /** The customer threatens to cancel, leave for a competitor or wants a refund or they go. */
  churn: z.array(z.string()),
});

/** A value found in the customer's text: `text.slice(start, end)` of `customerText(ticket)` is where it was read. */
export const EntitySpan = z.strictObject({
  value: z.string(),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
});

/** Technical details a ticket names: what makes it harder, and what an agent wants to see first. */
export const TechnicalEntities = z.strictObject({
  /** Codes a system reports for an error (E_SCHEMA_4411, ERR-4012, 0x80070005), not order or issue ids. */
  errorCodes: z.array(EntitySpan),
  /** Exception and error classes (java.io.IOException, TypeError). */
  exceptions: z.array(EntitySpan),
  /** Stack-trace frames, one line each. */
  stackFrames: z.array(EntitySpan),
  httpStatuses: z.array(EntitySpan),
  /** Software versions, never a URL path segment such as the `v1` of /v1/orders. */
  versions: z.array(EntitySpan),
  /** Order, invoice and purchase-order ids. */
  orderIds: z.array(EntitySpan),
  hostnames: z.array(EntitySpan),
  urls: z.array(EntitySpan),
  /** Product areas the text names, as the area's name (`authentication` for "can't log in"). */
  productAreas: z.array(EntitySpan),
  /** The most telling line of a stack trace (the exception line when present). */
  stackTraceHead: z.string().optional(),
});

/** The language the customer wrote in, as ISO 639-1, with the detector's confidence. */
export const DetectedLanguage = z.strictObject({
  code: z.string().regex(/^[a-z]{2,3}$/),
  confidence: z.number().min(0).max(1),
});

/**
 * The escalator's reading of the customer's text: what it decided on, and what the handoff packet
 * quotes. No language when the text has too few letters to tell.
 */
export const TextAnalysis = z.strictObject({ signals: TextSignals, entities: TechnicalEntities, language: DetectedLanguage.optional() });

export const SlaDeadlines = z.strictObject({
  firstResponseDueAt: z.iso.datetime().describe("When the first response is due, on the desk's business-hours clock"),
  resolutionDueAt: z.iso.datetime().describe('When the resolution is due'),
});

/** A machine-readable reason behind an escalation decision. */
export const Reason = z.strictObject({
  code: z.string(),
  detail: z.string().optional(),
});

export const Escalation = z.strictObject({
  priority: Priority.describe('P1 (most urgent) to P4, from impact and urgency'),
  impact: Level.describe('How many and whom it hits'),
  urgency: Level.describe('How soon it must be handled'),
  tier: z
    .number()
    .int()
    .min(0)
    .max(3)
    .describe('The support tier to handle it: 0 self-service, 1 service desk, 2 specialists, 3 engineering'),
  queue: z.string().min(1).describe("The escalator's queue for it"),
  majorIncident: z.boolean().describe('An outage of many users: also published on incidents.major'),
  sentiment: Sentiment.describe("The customer's tone"),
  complexity: z.number().min(0).max(1).describe('0 (routine) to 1 (needs deep expertise)'),
  sla: SlaDeadlines.describe('The deadlines the SLA watch keeps'),
  reasons: z.array(Reason).describe('Machine-readable reasons behind the decision'),
  /**
   * The tenant's escalation model's reading, when it has one trained on enough of its outcomes.
   * Readers from before it refuse the field (payloads are strict): upgrade handoff-composers and
   * the readers of tickets.routed before escalators.
   */
  model: z
    .strictObject({
      version: z.string(),
      /** Calibrated P(high urgency). */
      pHigh: z.number().min(0).max(1),
      /** Calibrated P(needs tier 2 or above), when the tenant's outcomes name the resolving tier. */
      pTier2: z.number().min(0).max(1).optional(),
      urgency: Level,
    })
    .optional(),
});

/** A draft bug report from the customer's words: what engineering needs to reproduce a defect. */
export const BugReport = z.strictObject({
  /** The sentences that describe what goes wrong. */
  symptoms: z.array(z.string()),
  /** Versions the customer names as broken, and those they say still work. */
  versions: z.strictObject({ affected: z.array(z.string()), working: z.array(z.string()) }),
  /** Steps, triggers and conditions the customer gives. */
  reproductionHints: z.array(z.string()),
  firstSeen: z.strictObject({
    /** When the ticket arrived: the defect was seen by then. */
    reportedAt: z.iso.datetime(),
    /** The customer's own words on when it began ("since upgrading to 3.2.1 yesterday"). */
    customerSays: z.string().optional(),
  }),
  /** Error codes, exceptions, HTTP statuses and the trace head, to match against known defects. */
  errorSignatures: z.array(z.string()),
});

export const HandoffPacket = z.strictObject({
  summary: z.string().describe('What the customer needs, in a sentence or two'),
  evidence: z.array(z.string()).describe("The facts in the customer's words: error codes, versions, what is hit"),
  tried: z.array(z.string()).describe("What was tried already: the articles shown in self-service, the customer's own attempts"),
  hypothesis: z.string().describe('The likely cause, to check first'),
  openQuestions: z.array(z.string()).describe('What to ask the customer, so they are asked once'),
  customerSentiment: z.string().describe("The customer's tone, in words"),
  slaClock: z
    .strictObject({
      firstResponseDueAt: z.iso.datetime(),
      resolutionDueAt: z.iso.datetime(),
      minutesToFirstResponse: z.number().describe('Minutes left to the first response when the packet was composed'),
    })
    .describe('The SLA deadlines, as the agent should see them'),
  suggestedArticles: z.array(Solution).max(3).describe('Articles that may solve it'),
  language: DetectedLanguage.optional().describe("The customer's language, for per-language queues and replies"),
  bugReport: BugReport.optional().describe('A draft for engineering when the ticket reads as a product defect'),
  // Optional, so packets recorded before still parse. Readers from before refuse them (strict),
  // so upgrade helpdesks' contracts before handoff composers.
  relatedTickets: z.array(RelatedTicket).max(5).optional().describe("The tenant's most similar tickets, open or recently resolved"),
  knownResolution: KnownResolution.optional().describe('How a near-identical ticket was resolved'),
  incident: IncidentMembership.optional().describe(
    'The major incident this ticket opened or joined; its `incidents.major` event says which',
  ),
});

export type TicketKind = z.infer<typeof TicketKind>;
export type Categorization = z.infer<typeof Categorization>;
export type Solution = z.infer<typeof Solution>;
export type Retrieval = z.infer<typeof Retrieval>;
export type Priority = z.infer<typeof Priority>;
export type Level = z.infer<typeof Level>;
export type Sentiment = z.infer<typeof Sentiment>;
export type TextSignals = z.infer<typeof TextSignals>;
export type EntitySpan = z.infer<typeof EntitySpan>;
export type TechnicalEntities = z.infer<typeof TechnicalEntities>;
export type DetectedLanguage = z.infer<typeof DetectedLanguage>;
export type TextAnalysis = z.infer<typeof TextAnalysis>;
export type SlaDeadlines = z.infer<typeof SlaDeadlines>;
export type Reason = z.infer<typeof Reason>;
export type Escalation = z.infer<typeof Escalation>;
export type BugReport = z.infer<typeof BugReport>;
export type HandoffPacket = z.infer<typeof HandoffPacket>;
