import { z } from 'zod';
import { envelopeOf, type Envelope } from './envelope.ts';
import { Categorization, Escalation, HandoffPacket, Retrieval, Solution, TextAnalysis } from './decisions.ts';
import { LifecycleApplied, LifecycleReport } from './lifecycle.ts';
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
 * Retrieval is the vector's last user, so it leaves the event here (a third of the bytes that
 * every later hop would carry). Optional rather than removed: events written before still parse.
 * An escalator from before this change requires the vector, so upgrade escalators before
 * kb-retrieval.
 */
export const TicketRetrieved = TicketReceived.extend({
  embedding: Embedding.optional(),
  categorization: Categorization,
  retrieval: Retrieval,
});
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
  textAnalysis: TextAnalysis.optional(),
});
export const TicketRouted = TicketAssessed.omit({ textAnalysis: true }).extend({ queue: z.string().min(1), packet: HandoffPacket });

export const DeflectionOutcome = z.enum(['shown', 'resolved', 'unresolved']);
export const DeflectionRecorded = z.strictObject({
  deflectionId: z.string(),
  question: z.string(),
  solutions: z.array(Solution).max(3),
  deflectable: z.boolean(),
  confidence: z.number().min(0).max(1),
  outcome: DeflectionOutcome,
  ticketId: z.string().optional(),
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
