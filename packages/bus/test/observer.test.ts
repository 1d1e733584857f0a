import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { createEvent, Topics } from '@triage/contracts';
import { createKafkaBus } from '../src/index.ts';

const brokers = inject('kafkaBrokers').split(',');

const until = async (condition: () => boolean) => {
  const deadline = Date.now() + 30_000;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
};

describe('an observer subscription on Kafka', () => {
  it('sees every event once and commits its position without a transaction', async () => {
    const prefix = `test.${randomUUID().slice(0, 8)}.`;
    const events = Array.from({ length: 20 }, (_, i) =>
      createEvent(Topics.modelsUpdated, { tenantId: 'acme', key: `k${i % 4}`, payload: { model: 'kb', version: String(i) } }),
    );
    const first = createKafkaBus({ brokers, clientId: 'observer-test', topicPrefix: prefix });
    const seen: string[] = [];
    await first.subscribe({
      topic: Topics.modelsUpdated,
      group: 'watcher',
      observer: true,
      handler: async (batch) => {
        seen.push(...batch.map((d) => d.event.payload.version));
        return [];
      },
    });
    await first.publish(Topics.modelsUpdated, events);
    await until(() => seen.length >= 20);
    await first.close();
    expect(seen.sort()).toEqual(events.map((e) => e.payload.version).sort());

    // A restarted watcher in the same group starts after what was committed: nothing twice.
    const second = createKafkaBus({ brokers, clientId: 'observer-test', topicPrefix: prefix });
    const later: string[] = [];
    await second.subscribe({
      topic: Topics.modelsUpdated,
      group: 'watcher',
      observer: true,
      handler: async (batch) => {
        later.push(...batch.map((d) => d.event.payload.version));
        return [];
      },
    });
    await second.publish(Topics.modelsUpdated, [
      createEvent(Topics.modelsUpdated, { tenantId: 'acme', key: 'k0', payload: { model: 'kb', version: 'after' } }),
    ]);
    await until(() => later.length >= 1);
    await new Promise((r) => setTimeout(r, 1_000));
    await second.close();
    expect(later).toEqual(['after']);
  }, 60_000);
});
