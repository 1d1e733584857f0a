import { afterEach, describe, expect, it } from 'vitest';
import { createInProcessBus, type Bus } from '@triage/bus';
import { Topics } from '@triage/contracts';
import { nameBasedUuid } from '@triage/runtime';
import { sseMessages } from '../../../test/harness/sse.ts';
import { waitFor } from '../../../test/harness/wait.ts';
import { createBroadcaster } from '../src/broadcaster.ts';
import { API_KEY, createApiFixture, type ApiFixture } from './api-fixture.ts';
import { recordTicket } from './routed-tickets.ts';

const OTHER_KEY = 'test-api-key-globex';

interface Opened {
  /** `id`, `event` and parsed `data` of each event, and each comment, as they arrive. */
  events: { id: string | undefined; event: string | undefined; key: string }[];
  comments: string[];
  close(): void;
}

let api: ApiFixture;
let bus: Bus;
afterEach(async () => {
  // A stream whose client just left notices it at its next step; let it before the store closes.
  await new Promise((r) => setTimeout(r, 100));
  await api.close();
  await bus.close();
});

const setUp = async (streamHeartbeatMs?: number) => {
  bus = createInProcessBus();
  api = await createApiFixture(undefined, createBroadcaster(bus, 'intake-1'), { streamHeartbeatMs });
  await api.store.tenants.ensure('globex');
  await api.store.tenants.createApiKey('globex', OTHER_KEY);
};

const stream = (topic: string, headers: Record<string, string> = {}) =>
  api.app.request(`/v1/stream/${topic}`, { headers: { authorization: `Bearer ${API_KEY}`, ...headers } });

const open = async (topic: string, lastEventId?: string): Promise<Opened> => {
  const abort = new AbortController();
  const res = await stream(topic, lastEventId ? { 'last-event-id': lastEventId } : {});
  expect(res.status).toBe(200);
  const opened: Opened = { events: [], comments: [], close: () => abort.abort() };
  void (async () => {
    for await (const { id, event, comment, data } of sseMessages(res.body!, abort.signal)) {
      if (comment !== undefined) opened.comments.push(comment);
      else if (event !== 'ready') opened.events.push({ id, event, key: (JSON.parse(data) as { key: string }).key });
    }
  })().catch(() => undefined);
  return opened;
};

describe('GET /v1/stream/{topic}', () => {
  it("resumes after Last-Event-ID with the tenant's tickets routed since, each once, then goes on live", async () => {
    await setUp();
    const seen = await recordTicket(api.store);
    const missed = [await recordTicket(api.store), await recordTicket(api.store)];
    await recordTicket(api.store, { tenantId: 'globex' });
    await recordTicket(api.store, { upTo: 'assess' });

    const resumed = await open(Topics.ticketsRouted, seen.key);
    await waitFor(
      () => resumed.events.length === 2,
      5_000,
      () => JSON.stringify(resumed.events),
    );
    // Live: the routed event only says when to look; the default 15 s heartbeat never polls here.
    const live = await recordTicket(api.store);
    await bus.publish(Topics.ticketsRouted, [live]);
    await waitFor(
      () => resumed.events.length === 3,
      5_000,
      () => JSON.stringify(resumed.events),
    );
    await new Promise((r) => setTimeout(r, 300)); // a duplicate would arrive now
    resumed.close();

    const expected = [...missed, live].map((e) => e.key);
    expect(resumed.events).toEqual(expected.map((key) => ({ id: key, event: Topics.ticketsRouted, key })));
  });

  it('sends the envelope the handoff composer published, and on incidents.major only major incidents', async () => {
    await setUp();
    const seen = await recordTicket(api.store);
    const routine = await recordTicket(api.store);
    const major = await recordTicket(api.store, { majorIncident: true });

    const abort = new AbortController();
    const res = await stream(Topics.ticketsRouted, { 'last-event-id': seen.key });
    const messages = sseMessages(res.body!, abort.signal);
    expect((await messages.next()).value?.event).toBe('ready');
    const { value } = await messages.next();
    abort.abort();
    const { occurredAt, ...sent } = JSON.parse(value!.data) as typeof routine;
    const { occurredAt: _published, ...published } = routine;
    expect(sent).toEqual({ ...published, id: nameBasedUuid(`${routine.key}:route`) });
    expect(Date.parse(occurredAt)).not.toBeNaN();

    const incidents = await open(Topics.incidentsMajor, seen.key);
    await waitFor(
      () => incidents.events.length === 1,
      5_000,
      () => JSON.stringify(incidents.events),
    );
    incidents.close();
    expect(incidents.events).toEqual([{ id: major.key, event: Topics.incidentsMajor, key: major.key }]);
  });

  it("answers 400 to a Last-Event-ID that names no routed ticket of the caller's tenant", async () => {
    await setUp();
    const others = await recordTicket(api.store, { tenantId: 'globex' });
    const unrouted = await recordTicket(api.store, { upTo: 'assess' });
    for (const id of [others.key, unrouted.key, 'not-an-id']) {
      const res = await stream(Topics.ticketsRouted, { 'last-event-id': id });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'unknown_event_id' });
    }
  });

  it('sends a heartbeat comment every interval while nothing is routed', async () => {
    await setUp(50);
    const quiet = await open(Topics.ticketsRouted);
    await new Promise((r) => setTimeout(r, 400));
    quiet.close();
    expect(quiet.events).toEqual([]);
    expect(quiet.comments.length).toBeGreaterThanOrEqual(4);
    expect(new Set(quiet.comments)).toEqual(new Set(['heartbeat']));
  });
});
