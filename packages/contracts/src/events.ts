import { z } from 'zod';
import { envelopeOf, type Envelope } from './envelope.ts';
import { Categorization, DetectedLanguage, Escalation, HandoffPacket, Retrieval, Solution, TextAnalysis } from './decisions.ts';
import { LifecycleApplied, LifecycleReport } from './lifecycle.ts';
import { ProblemRecord } from './problems.ts';
import { TicketEscalated } from './sla.ts';
import { Ticket } from './ticket.ts';
import { Topics, type Topic } from './topics.ts';

const MAX_DIMENSION = 4096;

/**
 * A sentence embedding travels with the ticket so no later stage computes it again. It is written
 * as its float32 values, little-endian, in base64: 2 KB for MiniLM's 384 where JSON numbers took
 * 8 KB, most of a categorized event, and far cheaper to write and read. Vectors are stored as
 * float32 (pgvector) anyway. The JSON array that events written before carry still parses;
 * readers from before this change accept only that array, so upgrade kb-retrieval and intake
 * (whose metrics read categorized events) before the categorizer. `embeddingValues` reads either form.
 */
export const Embedding = z.union([
  z
    .base64({ abort: true })
    // 1 to MAX_DIMENSION values of 4 bytes: base64 takes 4 characters for every 3 bytes, padded.
    .min(8)
    .max(4 * Math.ceil((4 * MAX_DIMENSION) / 3))
    .refine(
      (s) => Buffer.byteLength(s, 'base64') % 4 === 0 && floatsOf(s).every(Number.isFinite),
      `expected 1 to ${MAX_DIMENSION} finite float32 values`,
    ),
  z.array(z.number()).min(1).max(MAX_DIMENSION),
]);
export type Embedding = z.infer<typeof Embedding>;

// Every stage that reads a categorized event runs this once or twice: a plain loop takes a fifth
// of the time `Array.from({ length }, mapper)` did (about 4 against 20 µs for 384 values).
const floatsOf = (base64: string): number[] => {
  const bytes = Buffer.from(base64, 'base64');
  const values = new Array<number>(bytes.length / 4);
  for (let i = 0; i < values.length; i++) values[i] = bytes.readFloatLE(4 * i);
  return values;
};

export const encodeEmbedding = (values: number[]): string => {
  const bytes = Buffer.allocUnsafe(4 * values.length);
  values.forEach((value, i) => {
    bytes.writeFloatLE(value, 4 * i);
  });
  return bytes.toString('base64');
};

export const embeddingValues = (embedding: Embedding): number[] => (typeof embedding === 'string' ? floatsOf(embedding) : embedding);

export const TicketReceived = z.strictObject({ ticket: Ticket });
export const TicketCategorized = TicketReceived.extend({ embedding: Embedding, categorization: Categorization });
/**
 * The vector goes on to the escalator, whose per-tenant escalation model reads the same embedding
 * (no second model pass); it leaves the event there, so tickets.assessed and later hops stay small.
 * Optional: events written by a kb-retrieval that dropped it still parse, and the escalator then
 * decides by its rules alone.
 */
export const TicketRetrieved = TicketReceived.extend({
  embedding: Embedding.optional(),
  categorization: Categorization,
  retrieval: Retrieval,
});
/**
 * An escalator from before entity spans wrote each entity as a bare string. Such a reading is
 * dropped rather than refused, so the event is not dead-lettered: the composer reads the text
 * itself, as it does for an event that carries none.
 */
const readBeforeSpans = (v: unknown): boolean => {
  const codes = (v as { entities?: { errorCodes?: unknown } } | null)?.entities?.errorCodes;
  return Array.isArray(codes) && !('exceptions' in (v as { entities: object }).entities);
};

/**
 * The escalator's reading of the text travels on so the handoff composer does not read the text
 * again. Optional: events written before carry none, and their reader reads the text itself.
 * Readers from before this change refuse the field (payloads are strict), so upgrade
 * handoff-composers before escalators. It stops at the composer: tickets.routed, read by
 * helpdesks, keeps its shape.
 */
export const TicketAssessed = TicketReceived.extend({
  categorization: Categorization,
  retrieval: Retrieval,
  escalation: Escalation,
  textAnalysis: z.preprocess((v) => (readBeforeSpans(v) ? undefined : v), TextAnalysis.optional()),
});
export const TicketRouted = TicketAssessed.omit({ textAnalysis: true }).extend({
  queue: z
    .string()
    .min(1)
    .describe("The helpdesk queue it went to: the escalator's, with a language suffix where the tenant routes by language"),
  packet: HandoffPacket.describe('What the agent who takes it needs, so the customer is not asked again'),
});

export const DeflectionOutcome = z.enum(['shown', 'resolved', 'unresolved']);
export const DeflectionRecorded = z.strictObject({
  deflectionId: z.string(),
  question: z.string(),
  solutions: z.array(Solution).max(3),
  deflectable: z.boolean(),
  confidence: z.number().min(0).max(1),
  outcome: DeflectionOutcome,
  ticketId: z.string().optional(),
  /** The language of the question; absent on events from before, or when it is too short to tell. */
  language: DetectedLanguage.optional(),
  creditedArticleId: z
    .string()
    .optional()
    .describe(
      'With a verdict: the one article it counts for, the article the customer opened or else the top answer; absent when the customer opened none and the question was not deflectable.',
    ),
});

export const ModelsUpdated = z.strictObject({ model: z.string(), version: z.string() });

/** The payload schema and current version of each topic: the single source for validation and JSON Schema. */
export const topicContracts = {
  [Topics.ticketsReceived]: { type: 'ticket.received', version: 1, payload: TicketReceived },
  [Topics.ticketsCategorized]: { type: 'ticket.categorized', version: 1, payload: TicketCategorized },
  [Topics.ticketsRetrieved]: { type: 'ticket.retrieved', version: 1, payload: TicketRetrieved },
  [Topics.ticketsAssessed]: { type: 'ticket.assessed', version: 1, payload: TicketAssessed },
  [Topics.ticketsRouted]: { type: 'ticket.routed', version: 1, payload: TicketRouted },
  [Topics.incidentsMajor]: { type: 'incident.major', version: 1, payload: TicketRouted },
  [Topics.ticketsEscalated]: { type: 'ticket.escalated', version: 1, payload: TicketEscalated },
  [Topics.deflectionsRecorded]: { type: 'deflection.recorded', version: 1, payload: DeflectionRecorded },
  [Topics.modelsUpdated]: { type: 'models.updated', version: 1, payload: ModelsUpdated },
  // Keyed by the ticket's id; the envelope's tenant owns the ticket.
  [Topics.ticketsLifecycle]: { type: 'ticket.lifecycle', version: 1, payload: LifecycleReport },
  [Topics.ticketsLifecycleApplied]: { type: 'ticket.lifecycle-applied', version: 1, payload: LifecycleApplied },
  [Topics.problemsDetected]: { type: 'problem.detected', version: 1, payload: ProblemRecord },
  [Topics.problemsUpdated]: { type: 'problem.updated', version: 1, payload: ProblemRecord },
} as const satisfies Record<Topic, { type: string; version: number; payload: z.ZodType }>;

type Contracts = typeof topicContracts;
export type PayloadOf<T extends Topic> = z.infer<Contracts[T]['payload']>;
export type EventOf<T extends Topic> = Envelope<PayloadOf<T>>;

export const envelopeSchemaFor = <T extends Topic>(topic: T) => {
  const c = topicContracts[topic];
  return envelopeOf(c.type, c.version, c.payload);
};

export type TicketReceived = z.infer<typeof TicketReceived>;
export type TicketCategorized = z.infer<typeof TicketCategorized>;
export type TicketRetrieved = z.infer<typeof TicketRetrieved>;
export type TicketAssessed = z.infer<typeof TicketAssessed>;
export type TicketRouted = z.infer<typeof TicketRouted>;
export type DeflectionRecorded = z.infer<typeof DeflectionRecorded>;
export type DeflectionOutcome = z.infer<typeof DeflectionOutcome>;
export type ModelsUpdated = z.infer<typeof ModelsUpdated>;
