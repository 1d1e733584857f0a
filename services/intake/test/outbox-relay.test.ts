import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createInProcessBus } from '@triage/bus';
import { Topics } from '@triage/contracts';
import { createLogger } from '@triage/runtime';
import { createPgliteStore, type Store } from '@triage/store';
import { vipOutage } from '../../../test/harness/tickets.ts';
import { waitFor } from '../../../test/harness/wait.ts';
import { acceptTicket } from '../src/accept-ticket.ts';
import { createOutboxRelay } from '../src/outbox-relay.ts';
import { wakingStore } from '../src/waking-store.ts';

const logger = createLogger({ service: 'relay-test', level: 'error' });
/** Far longer than any test waits: only a wake can publish in time. */
const IDLE_MS = 60_000;

const published = async (bus: ReturnType<typeof createInProcessBus>) => (await bus.read(Topics.ticketsReceived)).map((m) => m.key);

describe('outbox relay', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => stop?.());

  const start = async () => {
    const store = await createPgliteStore({ embeddingDim: 8 });
    await store.tenants.ensure('acme');
    const bus = createInProcessBus({ logger });
    const relay = createOutboxRelay({ store, bus, logger, batchSize: 100, idleMs: IDLE_MS });
    await relay.start!();
    stop = async () => {
      await relay.drain!();
      await bus.close();
      await store.close();
    };
    return { store, bus, relay, waking: wakingStore(store, relay.wake) };
  };

  it('publishes an accepted ticket as soon as its write wakes it, not at the next poll', async () => {
    const { bus, waking } = await start();
    // Let the first (empty) drain settle into its idle wait.
    await sleep(50);
    const { id } = await acceptTicket(waking, 'acme', vipOutage);
    await waitFor(async () => (await published(bus)).includes(id), 5_000);
    const second = await acceptTicket(waking, 'acme', { ...vipOutage, subject: 'Second outage report' });
    await waitFor(async () => (await published(bus)).includes(second.id), 5_000);
    // Each once (the two keys may sit on different partitions, so their order across them is not fixed).
    expect((await published(bus)).sort()).toEqual([id, second.id].sort());
  });

  it('drains once per wake while the outbox holds less than a batch, and keeps draining while it holds more', async () => {
    const store = await createPgliteStore({ embeddingDim: 8 });
    await store.tenants.ensure('acme');
    const bus = createInProcessBus({ logger });
    let drains = 0;
    const counted: Store = { ...store, outbox: { ...store.outbox, drain: (limit, fn) => ((drains += 1), store.outbox.drain(limit, fn)) } };
    const relay = createOutboxRelay({ store: counted, bus, logger, batchSize: 2, idleMs: IDLE_MS });
    for (const subject of ['one', 'two', 'three']) await acceptTicket(store, 'acme', { ...vipOutage, subject });
    await relay.start!();
    stop = async () => {
      await relay.drain!();
      await bus.close();
      await store.close();
    };
    // A full batch of 2, then the short batch of 1 that ends the backlog; no empty drain after it.
    await waitFor(async () => (await published(bus)).length === 3, 5_000);
    await sleep(100);
    expect(drains).toBe(2);
    const waking = wakingStore(counted, relay.wake);
    await acceptTicket(waking, 'acme', { ...vipOutage, subject: 'four' });
    await waitFor(async () => (await published(bus)).length === 4, 5_000);
    await sleep(100);
    expect(drains).toBe(3);
  });

  it('leaves rows written without a wake to its poll, and publishes them when it stops', async () => {
    const { store, bus } = await start();
    await sleep(50);
    const { id } = await acceptTicket(store as Store, 'acme', vipOutage);
    await sleep(300);
    expect(await published(bus)).toEqual([]);
    await stop!();
    stop = undefined;
    expect(await published(bus)).toEqual([id]);
  });

  it('does not wake for a ticket that was already accepted under the same idempotency key', async () => {
    const { store } = await start();
    const wakes: number[] = [];
    const counting = wakingStore(store, () => wakes.push(1));
    await acceptTicket(counting, 'acme', vipOutage, { idempotencyKey: 'once' });
    await acceptTicket(counting, 'acme', vipOutage, { idempotencyKey: 'once' });
    expect(wakes).toHaveLength(1);
  });
});
