import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Categorization, LifecycleApplied } from '@triage/contracts';
import { auth, createApiFixture, validTicket, type ApiFixture } from './api-fixture.ts';

let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture();
});
afterAll(() => f.close());

const appliedPayloads = async () =>
  (await f.drainOutbox()).filter((r) => r.topic === 'tickets.lifecycle-applied').map((r) => r.event.payload as LifecycleApplied);

/** A new ticket of tenant acme, the categorizer having called it `account-access`. */
const newTicket = async (): Promise<string> => {
  const { id } = (await (await f.json('/v1/tickets', validTicket, auth)).json()) as { id: string };
  const categorization: Categorization = {
    category: 'account-access',
    kind: 'incident',
    confidence: 0.8,
    abstained: false,
    modelVersion: 'test',
    alternatives: [],
  };
  await f.store.tickets.recordStages('acme', 'categorize', [{ ticketId: id, output: categorization, source: 'test' }]);
  await f.drainOutbox();
  return id;
};

const at = (minute: number) => new Date(Date.parse('2025-03-04T09:00:00Z') + minute * 60_000).toISOString();
const assigned = (id: string, minute: number, extra = {}) => ({
  type: 'assigned',
  id,
  occurredAt: at(minute),
  queue: 'tier1',
  tier: 1,
  ...extra,
});
const resolved = (id: string, minute: number, extra = {}) => ({
  type: 'resolved',
  id,
  occurredAt: at(minute),
  notes: 'Password reset link resent',
  resolvingTier: 1,
  ...extra,
});
const report = (type: string, id: string, minute: number, extra = {}) => ({ type, id, occurredAt: at(minute), ...extra });

const post = (ticketId: string, body: unknown) => f.json(`/v1/tickets/${ticketId}/events`, body, auth);
const lifecycleOf = async (ticketId: string) =>
  (
    (await (await f.app.request(`/v1/tickets/${ticketId}`, { headers: auth })).json()) as {
      lifecycle: { state: string; timeline: { report: { id: string; type: string }; receivedAt: string }[] };
    }
  ).lifecycle;

describe('POST /v1/tickets/{id}/events', () => {
  it('applies a batch, answers each report and the state, and publishes each change', async () => {
    const ticketId = await newTicket();
    const res = await post(ticketId, [
      assigned('a1', 0, { agent: 'maria' }),
      report('first_response', 'a2', 5),
      report('pending_customer', 'a3', 6),
    ]);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      ticketId,
      state: 'pending_customer',
      results: [
        { id: 'a1', result: 'applied' },
        { id: 'a2', result: 'applied' },
        { id: 'a3', result: 'applied' },
      ],
    });
    expect((await appliedPayloads()).map((p) => [p.ticketId, p.report.id, p.previousState, p.state])).toEqual([
      [ticketId, 'a1', 'open', 'assigned'],
      [ticketId, 'a2', 'assigned', 'assigned'],
      [ticketId, 'a3', 'assigned', 'pending_customer'],
    ]);
    const lifecycle = await lifecycleOf(ticketId);
    expect(lifecycle.state).toBe('pending_customer');
    expect(lifecycle.timeline.map((e) => e.report.id)).toEqual(['a1', 'a2', 'a3']);
  });

  it('takes a single report as well as a list', async () => {
    const ticketId = await newTicket();
    const res = await post(ticketId, assigned('single', 0));
    expect(await res.json()).toEqual({ ticketId, state: 'assigned', results: [{ id: 'single', result: 'applied' }] });
  });

  it('answers a duplicate as already applied, storing and publishing nothing again', async () => {
    const ticketId = await newTicket();
    await post(ticketId, assigned('d1', 0));
    expect(await appliedPayloads()).toHaveLength(1);
    const again = await post(ticketId, [assigned('d1', 0), report('first_response', 'd2', 3)]);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({
      results: [
        { id: 'd1', result: 'duplicate' },
        { id: 'd2', result: 'applied' },
      ],
    });
    expect((await appliedPayloads()).map((p) => p.report.id)).toEqual(['d2']);
    expect((await lifecycleOf(ticketId)).timeline.map((e) => e.report.id)).toEqual(['d1', 'd2']);
  });

  it('places a late report where it happened on the timeline', async () => {
    const ticketId = await newTicket();
    await post(ticketId, [assigned('o1', 0), resolved('o3', 60)]);
    await f.drainOutbox();
    const late = await post(ticketId, report('first_response', 'o2', 10));
    expect(await late.json()).toMatchObject({ state: 'resolved', results: [{ id: 'o2', result: 'applied' }] });
    expect(await appliedPayloads()).toMatchObject([{ report: { id: 'o2' }, previousState: 'resolved', state: 'resolved', late: true }]);
    expect((await lifecycleOf(ticketId)).timeline.map((e) => e.report.id)).toEqual(['o1', 'o2', 'o3']);
  });

  it('answers 409 with the current state for an impossible transition, and applies nothing of the request', async () => {
    const ticketId = await newTicket();
    await post(ticketId, [resolved('c1', 0), report('closed', 'c2', 5, { csat: 4 })]);
    await f.drainOutbox();
    const res = await post(ticketId, [report('customer_replied', 'c3', 4), report('first_response', 'c4', 9)]);
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      error: 'impossible_transition',
      message: 'first_response is not possible when the ticket is closed',
      reportId: 'c4',
      state: 'closed',
    });
    expect(await appliedPayloads()).toEqual([]);
    expect((await lifecycleOf(ticketId)).timeline.map((e) => e.report.id)).toEqual(['c1', 'c2']);
  });

  it('answers 409 for a late report that makes a later one impossible', async () => {
    const ticketId = await newTicket();
    await post(ticketId, [assigned('l1', 0), report('pending_customer', 'l2', 10), report('resumed', 'l3', 20)]);
    const res = await post(ticketId, report('closed', 'l4', 15));
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ reportId: 'l4', state: 'assigned', message: expect.stringContaining('later report l3') });
  });

  it('answers 409 for a report id the tenant used on another ticket', async () => {
    const [first, second] = [await newTicket(), await newTicket()];
    await post(first, assigned('taken', 0));
    const res = await post(second, assigned('taken', 0));
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ reportId: 'taken', state: 'open' });
    expect((await lifecycleOf(second)).timeline).toEqual([]);
  });

  it("answers 404 for an unknown ticket and for another tenant's", async () => {
    expect((await post(randomUUID(), assigned('u1', 0))).status).toBe(404);
    await f.store.tenants.ensure('globex');
    await f.store.tenants.createApiKey('globex', 'globex-api-key');
    const theirs = (await (await f.json('/v1/tickets', validTicket, { authorization: 'Bearer globex-api-key' })).json()) as { id: string };
    const res = await post(theirs.id, assigned('u2', 0));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'not_found', message: 'no such ticket' });
  });

  it('answers 400 naming the bad field, for wrong types, unknown reports and oversized batches', async () => {
    const ticketId = await newTicket();
    const issues = async (body: unknown) => {
      const res = await post(ticketId, body);
      expect(res.status).toBe(400);
      return ((await res.json()) as { issues: { path: string }[] }).issues.map((i) => i.path);
    };
    expect(await issues(report('closed', 'b1', 0, { csat: 6 }))).toEqual(['0.csat']);
    expect(await issues([assigned('b2', 0), assigned('b3', 1, { tier: 'two' })])).toEqual(['1.tier']);
    expect(await issues(report('assigned', 'b4', 0, { queue: 'q', tier: 1, occurredAt: 'yesterday' }))).toEqual(['0.occurredAt']);
    expect(await issues(report('teleported', 'b5', 0))).toEqual(['0.type']);
    expect(await issues(report('escalated', 'b6', 0, { to: {}, direction: 'functional', by: 'ann' }))).toEqual(['0.to']);
    expect(await issues(Array.from({ length: 101 }, (_, i) => assigned(`b-${i}`, i)))).toEqual(['(body)']);
    expect((await post('not-a-uuid', assigned('b7', 0))).status).toBe(400);
    expect((await lifecycleOf(ticketId)).timeline).toEqual([]);
  });

  it('refuses a request without an API key', async () => {
    const ticketId = await newTicket();
    const res = await f.json(`/v1/tickets/${ticketId}/events`, assigned('k1', 0));
    expect(res.status).toBe(401);
  });
});

describe('the loop that feeds the models', () => {
  it('turns a category the agent set that differs from the prediction into one labeled example', async () => {
    const ticketId = await newTicket();
    await post(ticketId, [
      assigned('m1', 0, { category: 'account-access' }),
      resolved('m2', 30, { category: 'billing', priority: 'P2', resolvingTier: 2 }),
      report('reopened', 'm3', 40),
      resolved('m4', 50, { category: 'billing' }),
    ]);
    const examples = (await f.store.examples.list('acme')).filter((e) => e.ticketId === ticketId);
    expect(examples).toEqual([
      { text: `${validTicket.subject}\n${validTicket.body}`, category: 'billing', kind: undefined, source: 'correction', ticketId },
    ]);
  });

  it("keeps the priority and tier the agents settled on as the ticket's outcome", async () => {
    const ticketId = await newTicket();
    await post(ticketId, [
      assigned('s1', 0, { tier: 1, priority: 'P3' }),
      report('escalated', 's2', 5, { to: { tier: 2 }, direction: 'hierarchical', by: 'maria' }),
    ]);
    // Arriving late, the P1 set at minute 3 is overtaken by nothing later: it is the outcome.
    await post(ticketId, assigned('s3', 3, { tier: 1, priority: 'P1' }));
    expect(await f.store.lifecycle.outcome('acme', ticketId)).toEqual({ category: undefined, priority: 'P1', tier: 2 });
  });
});
