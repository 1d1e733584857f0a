import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createEvent, Topics, type EventOf } from '@triage/contracts';
import { createKafkaBus, type Outgoing } from '../src/index.ts';
import { inRequests } from '../src/kafka/request-size.ts';

const brokers = inject('kafkaBrokers').split(',');
const bus = createKafkaBus({ brokers, clientId: 'large-outputs', topicPrefix: `test.${randomUUID().slice(0, 8)}.` });
afterAll(() => bus.close());

const ticket = (id: string, body: string) => ({
  id,
  tenantId: 'acme',
  receivedAt: new Date().toISOString(),
  subject: 'Large',
  body,
  channel: 'api' as const,
  customer: { id: 'c', tier: 'pro' as const, vip: false },
  attachments: [],
});

describe('large batches on Kafka', () => {
  it('splits sends under the broker limit', () => {
    const sizes = inRequests(
      Array.from({ length: 100 }, () => 'x'.repeat(10_500)),
      (value) => ({ key: 'k', value }),
    ).map((g) => g.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(100);
    expect(Math.max(...sizes)).toBeLessThan(100);
  });

  it('publishes a batch whose outputs together exceed 1 MiB on one partition, exactly once', async () => {
    // One key: every output lands on one partition, 120 × ~19 kB ≈ 2.3 MB in one transaction.
    const inputs = Array.from({ length: 120 }, (_, i) =>
      createEvent(Topics.ticketsReceived, { tenantId: 'acme', key: 'same-key', payload: { ticket: ticket(`t-${i}`, 'small') } }),
    );
    const outputs: EventOf<typeof Topics.modelsUpdated>[] = [];
    await bus.subscribe({
      topic: Topics.modelsUpdated,
      group: 'large-reader',
      handler: async (batch) => {
        outputs.push(...batch.map((d) => d.event));
        return [];
      },
    });
    await bus.subscribe({
      topic: Topics.ticketsReceived,
      group: 'large-writer',
      maxBatchSize: 200,
      handler: async (batch): Promise<Outgoing[]> =>
        batch.map(({ event }) => ({
          topic: Topics.modelsUpdated,
          event: createEvent(Topics.modelsUpdated, {
            tenantId: 'acme',
            key: 'same-key',
            payload: { model: event.payload.ticket.id, version: 'v'.repeat(19_000) },
          }),
        })),
    });
    await bus.publish(Topics.ticketsReceived, inputs);
    const deadline = Date.now() + 45_000;
    while (outputs.length < inputs.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(outputs.map((e) => e.payload.model).sort()).toEqual(inputs.map((e) => e.payload.ticket.id).sort());
  }, 60_000);
});
