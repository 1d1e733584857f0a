import { deadLetterTopic } from '@triage/contracts';
import { DlqHeaders, REPLAY_OF_HEADER, type RawMessage, type TopicMessage } from './types.ts';

/** Headers are small; a zod report for a huge payload is not. */
const MAX_REASON_CHARS = 2_000;

export interface Failure {
  reason: string;
  /** How many times the handler saw the event; 0 when it never could (undecodable or invalid). */
  attempts: number;
}

export interface Outbound {
  topic: string;
  message: RawMessage;
}

/** The original key, bytes and headers, plus why and where it failed, bound for `dlq.<group>`. */
export const deadLetter = (group: string, source: TopicMessage, failure: Failure, now = new Date()): Outbound => ({
  topic: deadLetterTopic(group),
  message: {
    key: source.key,
    value: source.value,
    headers: {
      ...source.headers,
      [DlqHeaders.reason]: failure.reason.slice(0, MAX_REASON_CHARS),
      [DlqHeaders.stage]: group,
      [DlqHeaders.attempts]: String(failure.attempts),
      [DlqHeaders.sourceTopic]: source.topic,
      [DlqHeaders.sourcePartition]: String(source.partition),
      [DlqHeaders.sourceOffset]: source.offset,
      [DlqHeaders.failedAt]: now.toISOString(),
    },
  },
});

const dlqHeaderNames = new Set<string>(Object.values(DlqHeaders));

/**
 * The headers a replay sends back to the source topic: the message's own, plus which delivery it
 * replays. A letter that failed again after a replay keeps naming the first delivery.
 */
export const replayHeaders = (headers: Record<string, string>): Record<string, string> => {
  const own = Object.fromEntries(Object.entries(headers).filter(([name]) => !dlqHeaderNames.has(name)));
  const topic = headers[DlqHeaders.sourceTopic];
  const partition = headers[DlqHeaders.sourcePartition];
  const offset = headers[DlqHeaders.sourceOffset];
  // Letters from before the position was recorded replay as new deliveries.
  if (own[REPLAY_OF_HEADER] || topic === undefined || partition === undefined || offset === undefined) return own;
  return { ...own, [REPLAY_OF_HEADER]: `${topic}/${partition}/${offset}` };
};
