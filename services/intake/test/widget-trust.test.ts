import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TicketReceived } from '@triage/contracts';
import { createApiFixture, WIDGET_KEY, type ApiFixture, widget } from './api-fixture.ts';

// Finding 3: what a page holding the public widget key can and cannot decide.

let f: ApiFixture;
let secret: string;
beforeAll(async () => {
  f = await createApiFixture();
  secret = await f.store.tenants.setIdentitySecret('acme');
  await f.store.customers.upsert('acme', [{ id: 'cust-big', tier: 'enterprise', vip: true }]);
});
afterAll(() => f.close());

const sign = (userId: string, key = secret) => createHmac('sha256', key).update(userId).digest('hex');

/** Asks a question, answers "not solved" with `feedback`, and returns the response and the customer of the ticket it opened. */
const openTicket = async (feedback: Record<string, unknown>) => {
  const deflected = await f.json('/v1/deflect', { question: 'Checkout is down for everyone' }, widget);
  const { deflectionId } = (await deflected.json()) as { deflectionId: string };
  const res = await f.json(`/v1/deflect/${deflectionId}/feedback`, { resolved: false, ...feedback }, widget);
  const rows: { topic: string; event: { payload: unknown } }[] = [];
  await f.store.outbox.drain(1000, async (batch) => void rows.push(...batch));
  const received = rows.find((r) => r.topic === 'tickets.received');
  return { res, deflectionId, customer: received ? TicketReceived.parse(received.event.payload).ticket.customer : undefined };
};

describe('a ticket opened from the widget', () => {
  it('refuses a tier or VIP flag sent by the page (400) and opens nothing', async () => {
    for (const customer of [{ tier: 'enterprise' }, { vip: true }, { id: 'cust-big', tier: 'enterprise', vip: true }]) {
      const { res, customer: opened } = await openTicket({ customer });
      expect(res.status).toBe(400);
      expect(opened).toBeUndefined();
    }
  });

  it('makes an unverified visitor an anonymous free customer, whatever email they type', async () => {
    const { res, deflectionId, customer } = await openTicket({ customer: { email: 'ceo@bigcorp.test' } });
    expect(res.status).toBe(200);
    expect(customer).toEqual({ id: `widget:${deflectionId}`, tier: 'free', vip: false, email: 'ceo@bigcorp.test' });
  });

  it("takes tier and VIP from the tenant's records for a user id the host site signed", async () => {
    const { res, customer } = await openTicket({ userId: 'cust-big', userHash: sign('cust-big') });
    expect(res.status).toBe(200);
    expect(customer).toMatchObject({ id: 'cust-big', tier: 'enterprise', vip: true });
    // Signed but unknown to the tenant's records: a customer, but no standing.
    expect((await openTicket({ userId: 'cust-new', userHash: sign('cust-new') })).customer).toMatchObject({
      id: 'cust-new',
      tier: 'free',
      vip: false,
    });
  });

  it('treats a forged or missing signature as anonymous', async () => {
    for (const claim of [
      { userId: 'cust-big', userHash: sign('cust-big', 'not-the-tenant-secret') },
      { userId: 'cust-big', userHash: sign('cust-other') },
      { userId: 'cust-big' },
    ]) {
      const { res, deflectionId, customer } = await openTicket(claim);
      expect(res.status).toBe(200);
      expect(customer).toEqual({ id: `widget:${deflectionId}`, tier: 'free', vip: false });
    }
  });
});

describe('a widget key bound to origins', () => {
  it('refuses a request without an Origin, or with an empty one, naming why (403), unlike a key for any site', async () => {
    for (const origin of [undefined, '']) {
      const headers: Record<string, string> = { 'x-widget-key': WIDGET_KEY, ...(origin === undefined ? {} : { origin }) };
      const res = await f.json('/v1/deflect', { question: 'password reset' }, headers);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({
        error: 'forbidden_origin',
        message: 'this widget key serves its allowed origins only, and the request carries no Origin header',
      });
    }
    await f.store.tenants.createWidgetKey('acme', ['*'], 'wk_test_any_site');
    expect((await f.json('/v1/deflect', { question: 'password reset' }, { 'x-widget-key': 'wk_test_any_site' })).status).toBe(200);
  });
});
