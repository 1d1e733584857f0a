import { describe, expect, it } from 'vitest';
import { createInProcessBus } from '@triage/bus';
import { Topics, type EventOf, type Topic } from '@triage/contracts';
import { routedEvent } from '@triage/metrics/testing';
import { waitFor } from '../../../test/harness/wait.ts';
import { createBroadcaster } from '../src/broadcaster.ts';

const routed = (ticketId: string) => routedEvent({ ticketId, receivedAt: Date.now() });

describe('the stream fan-out', () => {
  it('passes on only what is published after it starts, also after a restart under the same instance id', async () => {
    const bus = createInProcessBus();
    await bus.publish(Topics.ticketsRouted, [routed('before-first-start')]);

    const first = createBroadcaster(bus, [Topics.ticketsRouted], 'intake-1');
    await first.start!();
    const seenByFirst: string[] = [];
    first.listen(Topics.ticketsRouted, 'acme', (event: EventOf<Topic>) => seenByFirst.push(event.key));
    await bus.publish(Topics.ticketsRouted, [routed('while-up')]);
    await waitFor(() => seenByFirst.length === 1, 5_000, () => seenByFirst.join());
    await first.drain!();

    await bus.publish(Topics.ticketsRouted, [routed('while-down')]);
    const second = createBroadcaster(bus, [Topics.ticketsRouted], 'intake-1');
    await second.start!();
    const seenBySecond: string[] = [];
    second.listen(Topics.ticketsRouted, 'acme', (event: EventOf<Topic>) => seenBySecond.push(event.key));
    await bus.publish(Topics.ticketsRouted, [routed('after-restart')]);
    await waitFor(() => seenBySecond.includes('after-restart'), 5_000, () => seenBySecond.join());
    await second.drain!();
    await bus.close();

    expect(seenByFirst).toEqual(['while-up']);
    expect(seenBySecond).toEqual(['after-restart']);
  });
});
