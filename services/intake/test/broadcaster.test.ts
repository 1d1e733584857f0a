import { afterEach, describe, expect, it } from 'vitest';
import { createInProcessBus, type Bus, type SubscribeOptions } from '@triage/bus';
import { Topics, type EventOf, type Topic } from '@triage/contracts';
import { routedEvent } from '@triage/metrics/testing';
import { waitFor } from '../../../test/harness/wait.ts';
import { createBroadcaster } from '../src/broadcaster.ts';
import { API_KEY, createApiFixture, type ApiFixture } from './api-fixture.ts';

const routed = (ticketId: string) => routedEvent({ ticketId, receivedAt: Date.now() });

/** `bus` with its subscriptions counted; `refuse` makes the next that many fail as an unreachable broker would. */
const watched = (bus: Bus) => {
  const subscribed: Topic[] = [];
  let refuse = 0;
  const wrapped = new Proxy(bus, {
    get(target, property) {
      if (property === 'subscribe') {
        return async <T extends Topic>(options: SubscribeOptions<T>) => {
          if (refuse > 0) {
            refuse -= 1;
            throw new Error('broker unreachable');
          }
          subscribed.push(options.topic);
          return target.subscribe(options);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { bus: wrapped, subscribed, refuseNext: (n: number) => (refuse = n) };
};

/** Intake instance `intake-1`'s stream fan-out with one client listening; `seen` fills with ticket ids. */
const listening = async (bus: Bus) => {
  const broadcaster = createBroadcaster(bus, 'intake-1');
  const seen: string[] = [];
  await broadcaster.listen(Topics.ticketsRouted, 'acme', (event: EventOf<Topic>) => seen.push(event.key));
  return { seen, stop: () => broadcaster.drain!() };
};

describe('the stream fan-out', () => {
  let api: ApiFixture | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it('passes on only what is published after it starts, also after a restart under the same instance id', async () => {
    const bus = createInProcessBus();
    await bus.publish(Topics.ticketsRouted, [routed('before-first-start')]);

    const first = await listening(bus);
    await bus.publish(Topics.ticketsRouted, [routed('while-up')]);
    await waitFor(
      () => first.seen.length === 1,
      5_000,
      () => first.seen.join(),
    );
    await first.stop();

    await bus.publish(Topics.ticketsRouted, [routed('while-down')]);
    const second = await listening(bus);
    await bus.publish(Topics.ticketsRouted, [routed('after-restart')]);
    await waitFor(
      () => second.seen.includes('after-restart'),
      5_000,
      () => second.seen.join(),
    );
    await second.stop();
    await bus.close();

    expect(first.seen).toEqual(['while-up']);
    expect(second.seen).toEqual(['after-restart']);
  });

  it('reads a topic from its first listener on, once for all of them and for every tenant', async () => {
    const { bus, subscribed } = watched(createInProcessBus());
    const broadcaster = createBroadcaster(bus, 'intake-1');
    await bus.publish(Topics.ticketsRouted, [routed('nobody-listening')]);
    expect(subscribed).toEqual([]);

    const acme: string[] = [];
    const other: string[] = [];
    await Promise.all([
      broadcaster.listen(Topics.ticketsRouted, 'acme', (event) => acme.push(event.key)),
      broadcaster.listen(Topics.ticketsRouted, 'acme', (event) => acme.push(event.key)),
    ]);
    const stopOther = await broadcaster.listen(Topics.ticketsRouted, 'globex', (event) => other.push(event.key));
    expect(subscribed).toEqual([Topics.ticketsRouted]);

    await bus.publish(Topics.ticketsRouted, [
      routed('for-acme'),
      routedEvent({ ticketId: 'for-globex', receivedAt: Date.now(), tenantId: 'globex' }),
    ]);
    await waitFor(
      () => acme.length === 2 && other.length === 1,
      5_000,
      () => [...acme, ...other].join(),
    );
    stopOther();
    await bus.publish(Topics.ticketsRouted, [
      routed('later-for-acme'),
      routedEvent({ ticketId: 'later-for-globex', receivedAt: Date.now(), tenantId: 'globex' }),
    ]);
    await waitFor(
      () => acme.length === 4,
      5_000,
      () => acme.join(),
    );
    await broadcaster.drain!();
    await expect(broadcaster.listen(Topics.ticketsRouted, 'acme', () => undefined)).rejects.toThrow('intake is stopping');
    await bus.close();

    expect(acme).toEqual(['for-acme', 'for-acme', 'later-for-acme', 'later-for-acme']);
    expect(other).toEqual(['for-globex']);
  });

  it('refuses a stream with 503 and the reason when its topic cannot be read, and the next client tries again', async () => {
    const { bus, subscribed, refuseNext } = watched(createInProcessBus());
    const broadcaster = createBroadcaster(bus, 'intake-1');
    api = await createApiFixture(undefined, broadcaster);
    refuseNext(1);

    const refused = await api.app.request('/v1/stream/tickets.routed', { headers: { authorization: `Bearer ${API_KEY}` } });
    expect(refused.status).toBe(503);
    expect(await refused.json()).toEqual({ error: 'unavailable', message: 'the tickets.routed stream is unavailable: broker unreachable' });

    const abort = new AbortController();
    const served = await api.app.request('/v1/stream/tickets.routed', {
      headers: { authorization: `Bearer ${API_KEY}` },
      signal: abort.signal,
    });
    expect(served.status).toBe(200);
    const { value } = await served.body!.getReader().read();
    expect(new TextDecoder().decode(value)).toContain('event: ready');
    expect(subscribed).toEqual([Topics.ticketsRouted]);
    abort.abort();
    await broadcaster.drain!();
    await bus.close();
  });
});
