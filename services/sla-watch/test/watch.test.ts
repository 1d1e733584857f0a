import { SlaCalendars } from '@triage/business-time';
import { Topics } from '@triage/contracts';
import { createLogger } from '@triage/runtime';
import { createPgStore, type Store } from '@triage/store';
import { Registry } from 'prom-client';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase } from '../../../test/harness/database.ts';
import type { SlaPolicy } from '../src/policy.ts';
import { createSlaWatch, type SlaWatch } from '../src/watch.ts';
import { lifecycleWorker, routedWorker } from '../src/workers.ts';
import { appliedEvent, deliveryOf, escalations, routedEvent } from './fixtures.ts';

const logger = createLogger({ service: 'sla-watch-test', level: 'error' });
const weekdays: [string, string][] = [['09:00', '17:00']];
const policy: SlaPolicy = {
  // acme's pro customers are served 9 to 5 UTC on weekdays; everyone else 24x7.
  calendars: SlaCalendars.parse({
    tenants: {
      acme: { tiers: { pro: { zone: 'UTC', week: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays } } } },
    },
  }),
  atRiskShare: 0.75,
  windowScale: 1,
};
// Monday 1 June 2026, 10:00 UTC.
const T0 = '2026-06-01T10:00:00.000Z';
const at = (minutes: number, from = T0) => new Date(Date.parse(from) + minutes * 60_000);

let database: Awaited<ReturnType<typeof freshDatabase>>;
let store: Store;
let watch: SlaWatch;
let clock = new Date(T0);

const newWatch = (on: Store) =>
  createSlaWatch({ store: on, policy, logger, registry: new Registry(), batchSize: 50, scanIntervalMs: 100, now: () => clock });

beforeAll(async () => {
  database = await freshDatabase(inject('databaseUrl'));
  store = await createPgStore({ url: database.url, embeddingDim: 8, poolSize: 4 });
  await store.tenants.ensure('acme');
  watch = newWatch(store);
});
afterAll(async () => {
  await store.close();
  await database.drop();
});
// Every scan fires every due row in the database: each test starts with none.
afterEach(async () => {
  await store.sql.query('DELETE FROM sla_deadlines');
});

const route = (options: Parameters<typeof routedEvent>[0]) =>
  routedWorker(store, policy, () => clock).handler([deliveryOf(Topics.ticketsRouted, routedEvent(options))]);
const apply = (...args: Parameters<typeof appliedEvent>) =>
  lifecycleWorker(store, policy, () => clock).handler([deliveryOf(Topics.ticketsLifecycleApplied, appliedEvent(...args))]);
const scanAt = (when: Date) => {
  clock = when;
  return watch.scan(when);
};
const steps = async (ticketId: string) => (await escalations(store, ticketId)).map((e) => `${e.deadline}:${e.reason}:${e.window}`);

describe('the SLA watch', () => {
  it('sends at risk at 75% of each window, breached at its end, each once, up the hierarchy', async () => {
    await route({ ticketId: 'unanswered', receivedAt: T0 });
    await route({ ticketId: 'unanswered', receivedAt: T0 }); // delivered twice
    expect(await scanAt(at(44))).toBe(0);
    await scanAt(at(45));
    await scanAt(at(46));
    const [atRisk] = await escalations(store, 'unanswered');
    expect(atRisk).toMatchObject({ reason: 'sla_at_risk', deadline: 'first_response', minutesLeft: 15, level: 1 });
    await scanAt(at(60));
    await scanAt(at(180));
    await scanAt(at(240));
    await scanAt(at(300));
    expect(await steps('unanswered')).toEqual([
      'first_response:sla_at_risk:1',
      'first_response:sla_breached:1',
      'resolution:sla_at_risk:1',
      'resolution:sla_breached:1',
    ]);
    expect((await escalations(store, 'unanswered')).at(-1)).toMatchObject({ minutesLeft: 0, level: 2 });
  });

  it('sends nothing for a ticket answered and resolved in time', async () => {
    await route({ ticketId: 'answered', receivedAt: T0 });
    await apply('answered', 'first_response', at(10).toISOString(), 'open', 'assigned');
    await scanAt(at(60));
    await apply('answered', 'resolved', at(100).toISOString(), 'assigned', 'resolved');
    await scanAt(at(300));
    expect(await steps('answered')).toEqual([]);
    expect((await store.slaDeadlines.forTicket('acme', 'answered')).map((d) => d.stage)).toEqual(['met', 'met']);
  });

  it('applies lifecycle changes read before the routed event once the deadlines open', async () => {
    await apply('early', 'first_response', at(5).toISOString(), 'open', 'assigned');
    await apply('early', 'pending_customer', at(10).toISOString(), 'assigned', 'pending_customer');
    await route({ ticketId: 'early', receivedAt: T0 });
    const [firstResponse, resolution] = await store.slaDeadlines.forTicket('acme', 'early');
    expect(firstResponse).toMatchObject({ stage: 'met', nextFireAt: null });
    expect(resolution).toMatchObject({ stage: 'open', nextFireAt: null, pause: { since: at(10).toISOString(), dueLeftMinutes: 230 } });
    await scanAt(at(300));
    expect(await steps('early')).toEqual([]);
  });

  it('stops the clock while the ticket waits on the customer', async () => {
    await route({ ticketId: 'waiting', receivedAt: T0 });
    await apply('waiting', 'first_response', at(5).toISOString(), 'open', 'assigned');
    await apply('waiting', 'pending_customer', at(30).toISOString(), 'assigned', 'pending_customer');
    await scanAt(at(200)); // past the unpaused at-risk moment (180)
    expect(await steps('waiting')).toEqual([]);
    await apply('waiting', 'customer_replied', at(90).toISOString(), 'pending_customer', 'assigned');
    // 60 minutes waited: at risk at 240 instead of 180, due at 300 instead of 240.
    await scanAt(at(239));
    expect(await steps('waiting')).toEqual([]);
    await scanAt(at(240));
    await scanAt(at(300));
    expect(await steps('waiting')).toEqual(['resolution:sla_at_risk:1', 'resolution:sla_breached:1']);
  });

  it('counts only business hours: a Friday-afternoon ticket turns at risk on Monday morning', async () => {
    const friday = '2026-06-05T16:30:00.000Z';
    await route({ ticketId: 'weekend', tier: 'pro', receivedAt: friday });
    const [firstResponse] = await store.slaDeadlines.forTicket('acme', 'weekend');
    // 30 minutes on Friday, 30 on Monday from 09:00.
    expect(firstResponse).toMatchObject({ atRiskAt: '2026-06-08T09:15:00.000Z', dueAt: '2026-06-08T09:30:00.000Z' });
    await scanAt(new Date('2026-06-06T12:00:00Z'));
    await scanAt(new Date('2026-06-08T09:14:00Z'));
    expect(await steps('weekend')).toEqual([]);
    await scanAt(new Date('2026-06-08T09:15:00Z'));
    expect(await escalations(store, 'weekend')).toMatchObject([{ reason: 'sla_at_risk', minutesLeft: 15 }]);
  });

  it('gives a reopened ticket a new resolution window whose events are new events', async () => {
    await route({ ticketId: 'reopened', receivedAt: T0 });
    await apply('reopened', 'first_response', at(5).toISOString(), 'open', 'assigned');
    await apply('reopened', 'resolved', at(20).toISOString(), 'assigned', 'resolved');
    const reopen = () => apply('reopened', 'reopened', at(100).toISOString(), 'resolved', 'assigned');
    await reopen();
    await reopen(); // delivered twice: still one new window
    await scanAt(at(100 + 180));
    await scanAt(at(100 + 240));
    const sent = await escalations(store, 'reopened');
    expect(sent.map((e) => `${e.deadline}:${e.reason}:${e.window}`)).toEqual(['resolution:sla_at_risk:2', 'resolution:sla_breached:2']);
    expect(new Set(sent.map((e) => e.id)).size).toBe(2);
  });

  it('sends only the breach when it was down past the due time', async () => {
    await route({ ticketId: 'late', receivedAt: T0 });
    await scanAt(at(61));
    expect(await steps('late')).toEqual(['first_response:sla_breached:1']);
  });

  it('fires each deadline once with two watches scanning the same rows at the same moment', async () => {
    const other = await createPgStore({ url: database.url, embeddingDim: 8, poolSize: 4 });
    try {
      const tickets = Array.from({ length: 300 }, (_, i) => routedEvent({ ticketId: `race-${i}`, receivedAt: T0 }));
      await routedWorker(store, policy, () => clock).handler(tickets.map((e) => deliveryOf(Topics.ticketsRouted, e)));
      const second = newWatch(other);
      for (const minute of [45, 60]) {
        clock = at(minute);
        await Promise.all([watch.scan(clock), second.scan(clock), watch.scan(clock), second.scan(clock)]);
      }
      const sent = (await escalations(store)).filter((e) => e.ticketId.startsWith('race-'));
      expect(sent).toHaveLength(600);
      expect(new Set(sent.map((e) => `${e.ticketId}:${e.reason}`)).size).toBe(600);
    } finally {
      await other.close();
    }
  });
});
