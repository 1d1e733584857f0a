// Outcomes the lifecycle reports become labels, and the trainer refits the tenant's model from them
// (PGlite: the same queries as PostgreSQL).
import type { Delivery } from '@triage/bus';
import { createEvent, type EventOf, type LifecycleReport, Topics } from '@triage/contracts';
import type { Worker } from '@triage/runtime';
import { createLogger } from '@triage/runtime';
import { lexiconSentiment } from '@triage/signals';
import { createPgliteStore, type Store, type TicketOutcome } from '@triage/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelRegistry } from '../src/model/registry.ts';
import { createTrainerWorker } from '../src/model/trainer.ts';
import { ESCALATION_MODEL } from '../src/model/training.ts';
import { parseEscalationPolicy } from '../src/policy.ts';
import { createEscalatorWorker } from '../src/worker.ts';
import { categorizationOf, RECEIVED_AT, ticketOf, weakKb } from './fixtures.ts';

const TENANT = 'acme';
const policy = parseEscalationPolicy({ model: { minLabeledOutcomes: 25, retrainAfter: 5 } });
const logger = createLogger({ service: 'test', level: 'error' });

// What the agents made of three kinds of ticket: data loss urgent, slowness medium, how-to low;
// the first two took a specialist (tier 2), the first line answered the third.
const KINDS = [
  { text: 'The nightly sync crashed and lost the orders of', priority: 'P2', tier: 2 },
  { text: 'The report export takes minutes for', priority: 'P3', tier: 2 },
  { text: 'How do I change the avatar of', priority: 'P4', tier: 1 },
] as const;

let store: Store;
let escalator: Worker<typeof Topics.ticketsRetrieved>;
let seq = 0;

const retrieved = async (body: string): Promise<Delivery<typeof Topics.ticketsRetrieved>> => {
  const id = `t-${++seq}`;
  const ticket = ticketOf({ id, subject: body.split(' ').slice(0, 4).join(' '), body, customer: { id: `c-${seq}` } });
  await store.tickets.create(ticket, []);
  const payload = { ticket, categorization: categorizationOf({ kind: 'incident' }), retrieval: weakKb };
  const event = createEvent(Topics.ticketsRetrieved, { tenantId: TENANT, key: id, payload });
  return { topic: Topics.ticketsRetrieved, partition: 0, offset: id, event, headers: {} };
};
/** An escalator with a model registry of its own, so it reads the tenant's model afresh. */
const freshEscalator = () =>
  createEscalatorWorker({
    store,
    policy,
    sentiment: lexiconSentiment,
    models: createModelRegistry(store, policy),
    now: () => new Date(RECEIVED_AT),
  });
const assess = async (body: string) => {
  const [out] = await escalator.handler([await retrieved(body)]);
  return (out!.event as EventOf<typeof Topics.ticketsAssessed>).payload;
};

const reopened = (id: string): LifecycleReport => ({ type: 'reopened', id: `${id}-reopened`, occurredAt: RECEIVED_AT });
const applied = (ticketId: string): Delivery<typeof Topics.ticketsLifecycleApplied> => {
  const event = createEvent(Topics.ticketsLifecycleApplied, {
    tenantId: TENANT,
    key: ticketId,
    payload: { ticketId, report: reopened(ticketId), previousState: 'resolved', state: 'open', late: false },
  });
  return { topic: Topics.ticketsLifecycleApplied, partition: 0, offset: event.id, event, headers: {} };
};
const announced = async () => {
  const rows: string[] = [];
  await store.outbox.drain(100, async (batch) => {
    for (const r of batch) if (r.topic === Topics.modelsUpdated) rows.push((r.event.payload as { model: string }).model);
  });
  return rows;
};

beforeAll(async () => {
  store = await createPgliteStore({ embeddingDim: 4 });
  await store.tenants.ensure(TENANT);
  escalator = freshEscalator();
});
afterAll(() => store.close());

describe('learning from outcomes', () => {
  it("turns agents' priorities, breaches and reopens into labels, and refits once enough arrived", async () => {
    const ids: string[][] = [[], [], []];
    for (let i = 0; i < 10; i++)
      for (const [k, kind] of KINDS.entries()) ids[k]!.push((await assess(`${kind.text} customer ${i}.`)).ticket.id);
    const trainer = createTrainerWorker({ store, policy, logger });

    // 20 outcomes: below the minimum of 25, so nothing is fitted.
    const outcome = (k: number): TicketOutcome => ({ priority: KINDS[k]!.priority, tier: KINDS[k]!.tier });
    const report = async (tickets: { id: string; k: number; reopen?: boolean }[]) =>
      store.lifecycle.apply(
        TENANT,
        tickets.map((t) => t.id),
        () => ({
          reports: tickets.filter((t) => t.reopen).map((t) => ({ ticketId: t.id, report: reopened(t.id) })),
          events: [],
          examples: [],
          outcomes: new Map(tickets.map((t) => [t.id, outcome(t.k)])),
          result: undefined,
        }),
      );
    await report(ids.flatMap((group, k) => (k === 2 ? [] : group.map((id, i) => ({ id, k, reopen: k === 1 && i === 1 })))));
    await trainer.handler([applied(ids[0]![0]!)]);
    expect(await store.models.latest(TENANT, ESCALATION_MODEL)).toBeNull();

    // The how-to tickets' outcomes arrive; a slow export breached its SLA, another was reopened.
    await report(ids[2]!.map((id) => ({ id, k: 2 })));
    await store.sql.query(
      `INSERT INTO sla_deadlines (tenant_id, ticket_id, kind, queue, priority, customer_tier, window_minutes, at_risk_at, due_at, stage)
       VALUES ($1, $2, 'resolution', 'tier1-service-desk', 'P3', 'free', 60, now(), now(), 'breached')`,
      [TENANT, ids[1]![0]],
    );
    const rows = await store.escalation.outcomes(TENANT);
    expect(rows).toHaveLength(30);
    expect(rows.every((r) => r.features !== undefined)).toBe(true);
    expect(rows.find((r) => r.ticketId === ids[1]![1])).toMatchObject({ agentPriority: 'P3', reopened: true, breached: false });
    expect(rows.find((r) => r.ticketId === ids[1]![0])).toMatchObject({ agentPriority: 'P3', breached: true });
    expect(await store.escalation.labeledCount(TENANT)).toBe(30);

    await trainer.handler([applied(ids[2]![0]!)]);
    const model = await store.models.latest(TENANT, ESCALATION_MODEL);
    expect(model?.metrics).toMatchObject({ labeled: 30, high: 11, tierHead: true });
    expect(await announced()).toEqual([ESCALATION_MODEL]);
    // Fewer than retrainAfter new outcomes since: no refit.
    await trainer.handler([applied(ids[2]![1]!)]);
    expect((await store.models.latest(TENANT, ESCALATION_MODEL))?.version).toBe(model?.version);
    expect(await announced()).toEqual([]);

    // A fresh escalator (or one told by models.updated) decides with the model.
    escalator = freshEscalator();
    const { escalation } = await assess('The nightly sync crashed and lost the orders of customer 99.');
    expect(escalation.model).toMatchObject({ urgency: 'high' });
    expect(escalation.urgency).toBe('high');
    expect(escalation.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['model-urgency', 'model-tier']));
    const slow = await assess('The report export takes minutes for customer 99.');
    expect(slow.escalation.model?.pTier2).toBeGreaterThan(0.5);
    expect(slow.escalation).toMatchObject({ tier: 2, queue: 'tier2-billing' });
    const howTo = await assess('How do I change the avatar of customer 99?');
    expect(howTo.escalation.model).toMatchObject({ urgency: 'low' });
    expect(howTo.escalation.model?.pTier2).toBeLessThan(0.5);
    expect(howTo.escalation.tier).toBe(1);
  });
});
