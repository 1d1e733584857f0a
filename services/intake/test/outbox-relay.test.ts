import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createInProcessBus, type Bus } from '@triage/bus';
import { createEvent, Topics } from '@triage/contracts';
import { createLogger } from '@triage/runtime';
import { createPgStore, type Store } from '@triage/store';
import { vipOutage } from '../../../test/harness/tickets.ts';
import { freshDatabase } from '../../../test/harness/database.ts';
import { waitFor } from '../../../test/harness/wait.ts';
import { acceptTicket, receivedTicket } from '../src/accept-ticket.ts';
import { createOutboxRelay } from '../src/outbox-relay.ts';
import { wakingStore } from '../src/waking-store.ts';

const logger = createLogger({ service: 'relay-test', level: 'error' });
/** Far longer than any test waits: only a wake can publish in time. */
const IDLE_MS = 60_000;

const published = async (bus: ReturnType<typeof createInProcessBus>) => (await bus.read(Topics.ticketsReceived)).map((m) => m.key);

/** A deflection as `POST /v1/deflect` stores it, and its `shown` event. */
const shownDeflection = (question: string) => {
  const record = {
    id: randomUUID(),
    tenantId: 'acme',
    question,
    solutions: [],
    deflectable: false,
    confidence: 0.1,
    outcome: 'shown' as const,
  };
  const { id: deflectionId, tenantId, ...payload } = record;
  const event = createEvent(Topics.deflectionsRecorded, { tenantId, key: deflectionId, payload: { deflectionId, ...payload } });
  return { record, events: [{ topic: Topics.deflectionsRecorded, event }] };
};

describe('outbox relay', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => stop?.());

  interface StartOptions {
    batchSize?: number;
    lingerMs?: number;
    /** Tickets accepted before the relay starts, without waking it. */
    backlog?: string[];
    /** Wraps the bus the relay publishes to. */
    publishVia?: (bus: Bus) => Pick<Bus, 'publish'>;
  }

  // PostgreSQL rather than PGlite: a ticket accepted while a drain holds its transaction needs a second connection.
  const start = async ({ batchSize = 100, lingerMs = 0, backlog = [], publishVia = (bus) => bus }: StartOptions = {}) => {
    const database = await freshDatabase(inject('databaseUrl'));
    const store = await createPgStore({ url: database.url, embeddingDim: 8, poolSize: 4 });
    await store.tenants.ensure('acme');
    for (const subject of backlog) await acceptTicket(store, 'acme', { ...vipOutage, subject });
    const bus = createInProcessBus({ logger });
    const drains = { count: 0, startedAt: [] as number[] };
    const counted: Store = {
      ...store,
      outbox: {
        ...store.outbox,
        drain: (limit, fn) => {
          drains.count += 1;
          drains.startedAt.push(performance.now());
          return store.outbox.drain(limit, fn);
        },
      },
    };
    const relay = createOutboxRelay({ store: counted, bus: publishVia(bus), logger, batchSize, idleMs: IDLE_MS, lingerMs });
    await relay.start!();
    stop = async () => {
      await relay.drain!();
      await bus.close();
      await store.close();
      await database.drop();
    };
    return { store, bus, relay, drains, waking: wakingStore(store, relay.wake) };
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
    const { bus, drains, waking } = await start({ batchSize: 2, backlog: ['one', 'two', 'three'] });
    // A full batch of 2, then the short batch of 1 that ends the backlog; no empty drain after it.
    await waitFor(async () => (await published(bus)).length === 3, 5_000);
    await sleep(100);
    expect(drains.count).toBe(2);
    await acceptTicket(waking, 'acme', { ...vipOutage, subject: 'four' });
    await waitFor(async () => (await published(bus)).length === 4, 5_000);
    await sleep(100);
    expect(drains.count).toBe(3);
  });

  it('lets what is stored within the linger after the outbox was emptied gather, and publishes it in one drain', async () => {
    const LINGER_MS = 1_500;
    const { bus, drains, waking } = await start({ lingerMs: LINGER_MS, batchSize: 3, backlog: ['one', 'two', 'three', 'four'] });
    await waitFor(async () => (await published(bus)).length === 4, 5_000);
    // A full batch leaves more behind, so the backlog's second drain follows the first at once.
    expect(drains.startedAt[1]! - drains.startedAt[0]!).toBeLessThan(LINGER_MS);
    const emptied = drains.count;
    const five = await acceptTicket(waking, 'acme', { ...vipOutage, subject: 'five' });
    const six = await acceptTicket(waking, 'acme', { ...vipOutage, subject: 'six' });
    await waitFor(async () => (await published(bus)).length === 6, 5_000);
    expect(await published(bus)).toEqual(expect.arrayContaining([five.id, six.id]));
    // Both woke the relay; one drain took them, no sooner than the linger after the drain that emptied the outbox.
    expect(drains.count).toBe(emptied + 1);
    // A margin for timers, which may fire a little early against performance.now().
    expect(drains.startedAt.at(-1)! - drains.startedAt.at(-2)!).toBeGreaterThanOrEqual(LINGER_MS * 0.9);
  });

  it('stops without waiting out a linger, and publishes what was waiting for it', async () => {
    const { bus, relay, waking } = await start({ lingerMs: 60_000 });
    const first = await acceptTicket(waking, 'acme', { ...vipOutage, subject: 'first' });
    await waitFor(async () => (await published(bus)).includes(first.id), 5_000);
    const second = await acceptTicket(waking, 'acme', { ...vipOutage, subject: 'second' });
    await sleep(100);
    expect(await published(bus)).toEqual([first.id]);
    const stopping = performance.now();
    await relay.drain!();
    expect(performance.now() - stopping).toBeLessThan(30_000);
    expect((await published(bus)).sort()).toEqual([first.id, second.id].sort());
  });

  it('publishes a ticket accepted while a drain is publishing, without waiting for the poll', async () => {
    let releasePublish = () => {};
    let heldReached = () => {};
    const publishing = new Promise<void>((resolve) => (releasePublish = resolve));
    const held = new Promise<void>((resolve) => (heldReached = resolve));
    // The first publish waits until the test lets it go: the drain it belongs to is in flight meanwhile.
    let first = true;
    const gated = (bus: Bus): Pick<Bus, 'publish'> => ({
      publish: async (topic, events, options) => {
        if (first) {
          first = false;
          heldReached();
          await publishing;
        }
        return bus.publish(topic, events, options);
      },
    });
    const { bus, waking } = await start({ publishVia: gated });
    const early = await acceptTicket(waking, 'acme', { ...vipOutage, subject: 'early' });
    await held;
    const late = await acceptTicket(waking, 'acme', { ...vipOutage, subject: 'late' });
    releasePublish();
    await waitFor(async () => (await published(bus)).includes(late.id), 5_000);
    expect((await published(bus)).sort()).toEqual([early.id, late.id].sort());
  });

  it("publishes a deflection's shown event as soon as it is written, not at the next poll", async () => {
    const { bus, waking, drains } = await start();
    // The first (empty) drain is over, so only a wake can drain again before the poll.
    await waitFor(async () => drains.count === 1, 5_000);
    await sleep(50);
    const { record, events } = shownDeflection('How do I reset my password?');
    await waking.deflections.create(record, events);
    await waitFor(async () => (await bus.read(Topics.deflectionsRecorded)).some((m) => m.key === record.id), 5_000);
    expect(drains.count).toBe(2);
  });

  it('publishes the ticket a "did not help" opens as soon as the feedback is written', async () => {
    const { store, bus, waking } = await start();
    await sleep(50);
    const { record } = shownDeflection('The VPN drops every hour');
    const deflectionId = record.id;
    // Written without a wake, so that only the feedback's can publish the ticket in time.
    await store.deflections.create(record);
    const opened = receivedTicket('acme', { ...vipOutage, channel: 'chat' });
    const feedback = { outcome: 'unresolved' as const, votedArticleId: undefined, ticket: opened.ticket, events: opened.events };
    expect(await waking.deflections.resolve('acme', deflectionId, feedback)).toBe(true);
    await waitFor(async () => (await published(bus)).includes(opened.ticket.id), 5_000);
    // Feedback given twice stores nothing the second time, and wakes nothing.
    const wakes: number[] = [];
    expect(await wakingStore(store, () => wakes.push(1)).deflections.resolve('acme', deflectionId, feedback)).toBe(false);
    expect(wakes).toEqual([]);
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
