import type { Worker } from '@triage/runtime';
import type { Store } from '@triage/store';
import { webhookEventOf, type WebhookTopic, webhookTopics } from './events.ts';

/**
 * One consumer per topic. It only stores deliveries (idempotent on endpoint and event id), so a
 * redelivered batch adds nothing, offsets commit without a transaction, and no receiver, however
 * slow, holds up consumption. Kafka's order per ticket becomes the deliveries' order.
 */
const fanOutWorker = <T extends WebhookTopic>(topic: T, store: Store, stored: () => void): Worker<T> => ({
  name: `webhooks:${topic}`,
  topic,
  group: `webhooks-${topic}`,
  observer: true,
  handler: async (batch) => {
    const events = batch.flatMap(({ event }) => webhookEventOf(topic, event) ?? []);
    if ((await store.webhooks.enqueue(events)) > 0) stored();
    return [];
  },
});

export const fanOutWorkers = (store: Store, stored: () => void): Worker[] =>
  webhookTopics.map((topic) => fanOutWorker(topic, store, stored) as Worker);
