/** Every Kafka topic the pipeline uses, named once. */
export const Topics = {
  ticketsReceived: 'tickets.received',
  ticketsCategorized: 'tickets.categorized',
  ticketsRetrieved: 'tickets.retrieved',
  ticketsAssessed: 'tickets.assessed',
  ticketsRouted: 'tickets.routed',
  incidentsMajor: 'incidents.major',
  deflectionsRecorded: 'deflections.recorded',
  modelsUpdated: 'models.updated',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

export const allTopics: readonly Topic[] = Object.values(Topics);

/** Each consuming stage has its own dead-letter topic so a replay re-drives exactly that stage. */
export const deadLetterTopic = (group: string): string => `dlq.${group}`;
