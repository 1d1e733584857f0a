import { z } from 'zod';

/** Every Kafka topic the pipeline uses, named once. */
export const Topics = {
  // From tickets.received to tickets.assessed an event may come twice after a crash, with the same
  // id: they are published at least once. Their readers must drop what they already handled, as
  // the stages (by ticket) and the metrics (by event id) do.
  ticketsReceived: 'tickets.received',
  ticketsCategorized: 'tickets.categorized',
  ticketsRetrieved: 'tickets.retrieved',
  ticketsAssessed: 'tickets.assessed',
  // Read by helpdesks: each ticket once (a Kafka transaction per batch).
  ticketsRouted: 'tickets.routed',
  incidentsMajor: 'incidents.major',
  // The SLA watch: each (ticket, deadline, window, reason) once, from PostgreSQL through the outbox.
  ticketsEscalated: 'tickets.escalated',
  deflectionsRecorded: 'deflections.recorded',
  modelsUpdated: 'models.updated',
  // What helpdesks report about routed tickets (input), and each report Triage applied (output:
  // published at least once from the outbox, with a stable id per report; readers skip repeats).
  ticketsLifecycle: 'tickets.lifecycle',
  ticketsLifecycleApplied: 'tickets.lifecycle-applied',
  // Problem records, from PostgreSQL through the outbox, keyed by problem id: opened, then changed.
  problemsDetected: 'problems.detected',
  problemsUpdated: 'problems.updated',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

export const allTopics: readonly Topic[] = Object.values(Topics);

/**
 * Partitions a Kafka topic is created with when not the bus's default (3); the in-process bus has
 * no transactions and ignores it. The composer commits each partition's batch in a Kafka
 * transaction of its own (five requests to the broker, and the broker's own verification and
 * markers), so at a light load, where a batch holds a ticket or two, three partitions meant three
 * transactions where one would do: at 50 tickets/s on a 2-core host, one partition took the
 * broker's CPU from 4.8 to 3.9 ms a ticket and the composer's from 3.0 to 2.3. The composer is the
 * cheapest stage, so one instance keeps up with the rest of the pipeline; others wait as standbys.
 * An existing topic keeps the partitions it has.
 */
export const topicPartitions: Partial<Record<Topic, number>> = { [Topics.ticketsAssessed]: 1 };

/** Each consuming stage has its own dead-letter topic so a replay re-drives exactly that stage. */
export const deadLetterTopic = (group: string): string => `dlq.${group}`;

/**
 * The pipeline's stages in order. A stage's name keys its decision in a ticket's record and its
 * events' ids, so renaming one would make a replay look like a new decision.
 */
export const pipelineStages = ['categorize', 'retrieve', 'assess', 'route'] as const;
export type PipelineStage = (typeof pipelineStages)[number];

export const TicketStatus = z.enum(['received', 'categorized', 'retrieved', 'assessed', 'routed']);
export type TicketStatus = z.infer<typeof TicketStatus>;

/** A ticket's status once it has completed a stage. */
export const statusAfter: Record<PipelineStage, TicketStatus> = {
  categorize: 'categorized',
  retrieve: 'retrieved',
  assess: 'assessed',
  route: 'routed',
};
