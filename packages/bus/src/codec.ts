import { ContractViolation, parseEvent, validEvent, type EventOf, type Topic } from '@triage/contracts';
import type { RawMessage } from './types.ts';

const CONTENT_TYPE = 'application/json';

/** Validates every event before any is encoded, so one bad event publishes nothing. */
export const encodeEvents = <T extends Topic>(topic: T, events: EventOf<T>[], headers: Record<string, string> = {}): RawMessage[] => {
  const valid = events.map((event, index) => {
    try {
      return validEvent(topic, event);
    } catch (error) {
      if (error instanceof ContractViolation && events.length > 1) throw new ContractViolation(topic, `events[${index}]: ${error.reason}`);
      throw error;
    }
  });
  return valid.map((event) => ({
    key: event.key,
    value: Buffer.from(JSON.stringify(event)),
    headers: {
      ...headers,
      'content-type': CONTENT_TYPE,
      ...(event.traceparent ? { traceparent: event.traceparent } : {}),
    },
  }));
};

// Fatal: a lenient decoder would turn broken bytes into U+FFFD and let a corrupted event pass.
const utf8 = new TextDecoder('utf-8', { fatal: true });

export type Decoded<T extends Topic> = { ok: true; event: EventOf<T> } | { ok: false; reason: string };

/** Turns stored bytes back into a valid event, or says why they can never be one. */
export const decodeEvent = <T extends Topic>(topic: T, value: Buffer | null): Decoded<T> => {
  if (value === null) return { ok: false, reason: 'empty message: no value' };
  let text: string;
  try {
    text = utf8.decode(value);
  } catch {
    return { ok: false, reason: 'undecodable: the value is not valid UTF-8' };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `undecodable JSON: ${(error as Error).message}` };
  }
  try {
    return { ok: true, event: parseEvent(topic, json) };
  } catch (error) {
    if (error instanceof ContractViolation) return { ok: false, reason: `contract violation: ${error.reason}` };
    throw error;
  }
};

export const toBuffer = (value: Buffer | string | null): Buffer | null => (typeof value === 'string' ? Buffer.from(value) : value);
