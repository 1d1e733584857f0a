import { createEvent, type ProblemRecord, Topics } from '@triage/contracts';
import { nameBasedUuid } from '@triage/runtime';
import type { OutgoingEvent } from '@triage/store';

/**
 * `problems.detected` when a problem opens, `problems.updated` when a ticket joins it or it is
 * resolved; keyed by the problem, so its events stay in order. The id names the change and the
 * ticket that caused it: a repeat is recognisable downstream.
 */
export const problemEvent = (tenantId: string, record: ProblemRecord, causeTicketId: string): OutgoingEvent => {
  const topic = record.change === 'opened' ? Topics.problemsDetected : Topics.problemsUpdated;
  return {
    topic,
    event: createEvent(topic, {
      id: nameBasedUuid(`${record.problemId}:${record.change}:${causeTicketId}`),
      tenantId,
      key: record.problemId,
      payload: record,
    }),
  };
};
