import { describe, expect, it } from 'vitest';
import { createInProcessBus, type Bus } from '@triage/bus';
import { Topics, type EventOf, type Topic } from '@triage/contracts';
import { routedEvent } from '@triage/metrics/testing';
import { waitFor } from '../../../test/harness/wait.ts';
import { createBroadcaster } from '../src/broadcaster.ts';

const routed = (ticketId: string) => routedEvent({ ticketId, receivedAt: Date.now() });

/** Intake instance `intake-1`'s stream fan-out, started, with one client listening; `seen` fills with ticket ids. */
const listening = async (bus: Bus) => {
  const broadcaster = createBroadcaster(bus, [Topics.ticketsRouted], 'intake-1');
  await broadcaster.start!();
  const seen: string[] = [];
  broadcaster.listen(Topics.ticketsRouted, 'acme', (event: EventOf<Topic>) => seen.push(event.key));
  return { seen, stop: () => broadcaster.drain!() };
};

describe('the stream fan-out', () => {
  it('passes on only what is published after it starts, also after a restart under the same instance id', async () => {
    const bus = createInProcessBus();
    await bus.publish(Topics.ticketsRouted, [routed('before-first-start')]);

    const first = await listening(bus);
    await bus.publish(Topics.ticketsRouted, [routed('while-up')]);
    await waitFor(() => first.seen.length === 1, 5_000, () => first.seen.join());
    await first.stop();

    await bus.publish(Topics.ticketsRouted, [routed('while-down')]);
    const second = await listening(bus);
    await bus.publish(Topics.ticketsRouted, [routed('after-restart')]);
    await waitFor(() => second.seen.includes('after-restart'), 5_000, () => second.seen.join());
    await second.stop();
    await bus.close();

    expect(first.seen).toEqual(['while-up']);
    expect(second.seen).toEqual(['after-restart']);
  });
});
