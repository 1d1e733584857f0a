import { type Component, type Logger, pollingLoop } from '@triage/runtime';
import type { ClaimedDelivery, Store } from '@triage/store';
import { Counter, type Registry } from 'prom-client';
import { retryDelayMs } from './backoff.ts';
import type { Poster } from './post.ts';
import { signedHeaders } from './signature.ts';

export interface SenderOptions {
  store: Store;
  poster: Poster;
  logger: Logger;
  registry: Registry;
  concurrency: number;
  endpointConcurrency: number;
  timeoutMs: number;
  maxAttempts: number;
  backoffBaseMs: number;
  pollMs: number;
  now?: () => Date;
}

export interface Sender extends Component {
  /** New deliveries are stored: look for them now rather than at the next poll. */
  wake(): void;
  start(): Promise<void>;
  drain(): Promise<void>;
}

// A claim is leased for longer than an attempt can take, with room to record its outcome; a sender
// that dies mid-attempt leaves the lease to run out, and the delivery is sent again (at least once).
const LEASE_MARGIN_MS = 30_000;

/**
 * Sends due deliveries, up to `concurrency` at once, never waiting on Kafka nor holding a database
 * transaction while a receiver answers: each delivery is claimed (leased) in one statement, sent,
 * and its outcome written in another.
 */
export const createSender = (options: SenderOptions): Sender => {
  const now = options.now ?? (() => new Date());
  const outcomes = new Counter({
    name: 'triage_webhook_attempts_total',
    help: 'Webhook delivery attempts, by outcome: delivered, retry (failed, tried again later) or dead (failed for the last time).',
    labelNames: ['outcome'],
    registers: [options.registry],
  });
  const inFlight = new Set<Promise<void>>();

  const record = async (delivery: ClaimedDelivery, reason: string | undefined) => {
    if (reason === undefined) {
      outcomes.inc({ outcome: 'delivered' });
      return options.store.webhooks.delivered(delivery.id);
    }
    const last = delivery.attempt >= options.maxAttempts;
    outcomes.inc({ outcome: last ? 'dead' : 'retry' });
    const retryAt = last ? null : new Date(now().getTime() + retryDelayMs(delivery.attempt, options.backoffBaseMs));
    return options.store.webhooks.failed(delivery.id, reason, retryAt);
  };

  const send = async (delivery: ClaimedDelivery) => {
    try {
      const headers = signedHeaders(delivery.secret, delivery.eventId, delivery.body, now());
      const outcome = await options.poster.post(delivery.url, headers, delivery.body);
      await record(delivery, outcome.ok ? undefined : outcome.reason);
    } catch (err) {
      // Unrecorded, the delivery's lease runs out and it is sent again.
      options.logger.warn('a webhook delivery could not be recorded', { delivery: delivery.id, err });
    }
  };

  const start = (delivery: ClaimedDelivery) => {
    const task = send(delivery).finally(() => {
      inFlight.delete(task);
      // Its slot is free again.
      loop.wake();
    });
    inFlight.add(task);
  };

  const loop = pollingLoop({
    name: 'webhooks-sender',
    logger: options.logger,
    round: async () => {
      const free = options.concurrency - inFlight.size;
      const claimed =
        free > 0 ? await options.store.webhooks.claim(free, options.endpointConcurrency, options.timeoutMs + LEASE_MARGIN_MS) : [];
      for (const delivery of claimed) start(delivery);
      // More may be due right away when every free sender found work.
      return free === 0 || claimed.length < free ? options.pollMs : undefined;
    },
    failure: 'claiming webhook deliveries failed; retrying',
    retryMs: options.pollMs,
    wakeRetries: true,
  });

  return {
    ...loop,
    async drain() {
      await loop.drain();
      await Promise.all(inFlight);
      options.poster.close();
    },
  };
};
