import { z } from 'zod';
import { envelopeOf, type Envelope } from './envelope.ts';
import { Categorization, Escalation, HandoffPacket, Retrieval, Solution } from './decisions.ts';
import { Ticket } from './ticket.ts';
import { Topics, type Topic } from './topics.ts';

/** A sentence embedding travels with the ticket so no later stage computes it again. */
export const Embedding = z.array(z.number()).min(1).max(4096);

export const TicketReceived = z.strictObject({ ticket: Ticket });
export const TicketCategorized = TicketReceived.extend({ embedding: Embedding, categorization: Categorization });
/**
 * Retrieval is the vector's last user, so it leaves the event here (a third of the bytes that
 * every later hop would carry). Optional rather than removed: events written before still parse.
 * An escalator from before this change requires the vector, so upgrade escalators before
 * kb-retrieval.
 */
export const TicketRetrieved = TicketReceived.extend({ embedding: Embedding.optional(), categorization: Categorization, retrieval: Retrieval });
export const TicketAssessed = TicketReceived.extend({
  categorization: Categorization,
  retrieval: Retrieval,
  escalation: Escalation,
});
export const TicketRouted = TicketAssessed.extend({ queue: z.string().min(1), packet: HandoffPacket });

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
  [Topics.deflectionsRecorded]: { type: 'deflection.recorded', version: 1, payload: DeflectionRecorded },
  [Topics.modelsUpdated]: { type: 'models.updated', version: 1, payload: ModelsUpdated },
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
