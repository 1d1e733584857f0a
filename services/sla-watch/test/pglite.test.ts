import { SlaCalendars } from '@triage/business-time';
import { Topics } from '@triage/contracts';
import { createLogger } from '@triage/runtime';
import { createPgliteStore } from '@triage/store';
import { Registry } from 'prom-client';
import { expect, it } from 'vitest';
import { createSlaWatch } from '../src/watch.ts';
import { lifecycleWorker, routedWorker } from '../src/workers.ts';
import { appliedEvent, deliveryOf, escalations, routedEvent } from './fixtures.ts';

// `npm start` runs the watch on PGlite: the same locks and statements must work on its single session.
it('escalates and holds early changes on the embedded database too', async () => {
  const store = await createPgliteStore({ embeddingDim: 8 });
  try {
    await store.tenants.ensure('acme');
    const policy = { calendars: SlaCalendars.parse({}), atRiskShare: 0.75, windowScale: 1 };
    const now = () => new Date('2026-06-01T11:00:00Z');
    await lifecycleWorker(store, policy, now).handler([
      deliveryOf(Topics.ticketsLifecycleApplied, appliedEvent('answered', 'first_response', '2026-06-01T10:05:00Z', 'open', 'assigned')),
    ]);
    await routedWorker(store, policy, now).handler(
      ['answered', 'silent'].map((ticketId) =>
        deliveryOf(Topics.ticketsRouted, routedEvent({ ticketId, receivedAt: '2026-06-01T10:00:00Z' })),
      ),
    );
    const watch = createSlaWatch({
      store,
      policy,
      logger: createLogger({ service: 't', level: 'error' }),
      registry: new Registry(),
      batchSize: 10,
      scanIntervalMs: 100,
      now,
    });
    expect(await watch.scan(now())).toBe(1);
    expect((await escalations(store)).map((e) => `${e.ticketId}:${e.deadline}:${e.reason}`)).toEqual([
      'silent:first_response:sla_breached',
    ]);
  } finally {
    await store.close();
  }
});
