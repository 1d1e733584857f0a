import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Envelope } from './envelope.ts';
import { envelopeSchemaFor, topicContracts, type EventOf, type PayloadOf } from './events.ts';
import type { Topic } from './topics.ts';

/** Raised when an event does not match its topic's contract; `reason` is safe to put in a DLQ header. */
export class ContractViolation extends Error {
  readonly topic: string;
  readonly reason: string;
  constructor(topic: string, reason: string) {
    super(`event on ${topic} violates its contract: ${reason}`);
    this.name = 'ContractViolation';
    this.topic = topic;
    this.reason = reason;
  }
}

export const describeIssues = (error: z.ZodError): string =>
  error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('; ');

const validators = new Map<Topic, z.ZodType>();
const validatorFor = (topic: Topic): z.ZodType => {
  let schema = validators.get(topic);
  if (!schema) {
    schema = envelopeSchemaFor(topic);
    validators.set(topic, schema);
  }
  return schema;
};

/**
 * Events this module produced by parsing, with their topic. Events are values, never changed
 * once built, so one that came out of `parseEvent` needs no second pass on its way out.
 */
const parsed = new WeakMap<object, Topic>();

/** Parses an unknown value as an event of `topic`, or throws a ContractViolation naming every bad field. */
export const parseEvent = <T extends Topic>(topic: T, value: unknown): EventOf<T> => {
  if (!(topic in topicContracts)) throw new ContractViolation(topic, 'unknown topic');
  const result = validatorFor(topic).safeParse(value);
  if (!result.success) throw new ContractViolation(topic, describeIssues(result.error));
  parsed.set(result.data as object, topic);
  return result.data as EventOf<T>;
};

/** `parseEvent`, skipped for an event already parsed for this topic (one `createEvent` built, say). */
export const validEvent = <T extends Topic>(topic: T, value: unknown): EventOf<T> =>
  typeof value === 'object' && value !== null && parsed.get(value) === topic ? (value as EventOf<T>) : parseEvent(topic, value);

export interface NewEvent<T extends Topic> {
  tenantId: string;
  key: string;
  payload: PayloadOf<T>;
  traceparent?: string | undefined;
  id?: string;
  occurredAt?: string;
}

/** Builds a validated envelope for `topic`, filling id, type, version and time. */
export const createEvent = <T extends Topic>(topic: T, e: NewEvent<T>): EventOf<T> => {
  const c = topicContracts[topic];
  const event: Envelope = {
    id: e.id ?? randomUUID(),
    type: c.type,
    version: c.version,
    tenantId: e.tenantId,
    key: e.key,
    occurredAt: e.occurredAt ?? new Date().toISOString(),
    traceparent: e.traceparent,
    payload: e.payload,
  };
  if (event.traceparent === undefined) delete event.traceparent;
  return parseEvent(topic, event);
};
