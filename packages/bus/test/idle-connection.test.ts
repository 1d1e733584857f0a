import { createHook } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Topics } from '@triage/contracts';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createKafkaBus } from '../src/index.ts';

const brokers = inject('kafkaBrokers').split(',');

/** Timers created while `during` runs: an idle process should create a few a second, not one per millisecond. */
const timersCreated = async (during: () => Promise<void>): Promise<number> => {
  let created = 0;
  const hook = createHook({
    init: (_id, type) => {
      if (type === 'Timeout') created += 1;
    },
  }).enable();
  try {
    await during();
  } finally {
    hook.disable();
  }
  return created;
};

describe('an idle Kafka bus (patched kafkajs request queue)', () => {
  const bus = createKafkaBus({ brokers, clientId: 'idle-connection', topicPrefix: `test.${randomUUID().slice(0, 8)}.` });
  afterAll(() => bus.close());

  it('does not wake its process every millisecond while its connections have nothing to send', async () => {
    // Subscribing connects the bus's admin and producer and a consumer with its group coordinator.
    await bus.subscribe({ topic: Topics.ticketsReceived, group: 'idle', handler: async () => [] });
    await sleep(1_000);

    const created = await timersCreated(() => sleep(2_000));

    // Unpatched, every idle connection re-armed a 1 ms timer: thousands in two seconds. What is
    // left are the long-poll fetches (500 ms), heartbeats (3 s) and request timeouts.
    expect(created).toBeLessThan(100);
  });
});
