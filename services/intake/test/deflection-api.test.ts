import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TicketReceived } from '@triage/contracts';
import type { OutboxRow } from '@triage/store';
import { ALLOWED_ORIGIN, createApiFixture, WIDGET_KEY, type ApiFixture } from './api-fixture.ts';

let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture();
});
afterAll(() => f.close());

const widget = { 'x-widget-key': WIDGET_KEY, origin: ALLOWED_ORIGIN };
const drainOutbox = async (): Promise<OutboxRow[]> => {
  const rows: OutboxRow[] = [];
  await f.store.outbox.drain(1000, async (batch) => void rows.push(...batch));
  return rows;
};
const deflect = async (question: string) => {
  const res = await f.json('/v1/deflect', { question }, widget);
  expect(res.status).toBe(200);
  return (await res.json()) as { deflectionId: string; solutions: { articleId: string }[]; deflectable: boolean };
};

describe('POST /v1/deflect', () => {
  it('returns up to three solutions, a verdict and a deflection id, and records a deflection event', async () => {
    const result = await deflect('I forgot my password');
    expect(result.solutions).toHaveLength(3);
    expect(result.deflectable).toBe(true);
    const rows = await drainOutbox();
    expect(rows.map((r) => [r.topic, (r.event.payload as { outcome: string }).outcome])).toEqual([['deflections.recorded', 'shown']]);
  });

  it('answers CORS preflight and echoes an allowed origin', async () => {
    const pre = await f.app.request('/v1/deflect', {
      method: 'OPTIONS',
      headers: { origin: ALLOWED_ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')).toContain('x-widget-key');
    const res = await f.json('/v1/deflect', { question: 'password reset' }, widget);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    await drainOutbox();
  });

  it('refuses an unknown widget key (401), a foreign origin (403) and bad questions (400)', async () => {
    expect((await f.json('/v1/deflect', { question: 'hello there' }, { 'x-widget-key': 'wk_nope' })).status).toBe(401);
    expect((await f.json('/v1/deflect', { question: 'hello there' }, { ...widget, origin: 'https://evil.test' })).status).toBe(403);
    for (const question of ['', '   ', 'x'.repeat(10 * 1024)]) {
      const res = await f.json('/v1/deflect', { question }, widget);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { issues: { path: string }[] }).issues[0]!.path).toBe('question');
    }
    expect(await drainOutbox()).toEqual([]);
  });
});

describe('POST /v1/deflect/:id/feedback', () => {
  it('counts a resolved deflection once and answers 409 to a second feedback', async () => {
    const { deflectionId } = await deflect('how do I reset my password');
    await drainOutbox();
    const first = await f.json(`/v1/deflect/${deflectionId}/feedback`, { resolved: true }, widget);
    expect(first.status).toBe(200);
    const again = await f.json(`/v1/deflect/${deflectionId}/feedback`, { resolved: false }, widget);
    expect(again.status).toBe(409);
    const events = await drainOutbox();
    expect(events.map((r) => (r.event.payload as { outcome: string }).outcome)).toEqual(['resolved']);
  });

  it('opens a ticket carrying the question, the articles shown and the comment when not resolved', async () => {
    const { deflectionId, solutions } = await deflect('SSO login fails with SAML error');
    await drainOutbox();
    const res = await f.json(
      `/v1/deflect/${deflectionId}/feedback`,
      { resolved: false, comment: 'tried all three', customer: { email: 'kim@acme.test' } },
      widget,
    );
    expect(res.status).toBe(200);
    const { ticketId } = (await res.json()) as { ticketId: string };
    const rows = await drainOutbox();
    const received = rows.find((r) => r.topic === 'tickets.received');
    const { ticket } = TicketReceived.parse(received!.event.payload);
    expect(ticket.id).toBe(ticketId);
    expect(ticket.customer.email).toBe('kim@acme.test');
    expect(ticket.deflection).toEqual({
      deflectionId,
      question: 'SSO login fails with SAML error',
      articlesShown: solutions.map((s) => expect.objectContaining({ articleId: s.articleId })),
      comment: 'tried all three',
    });
    expect(rows.filter((r) => r.topic === 'deflections.recorded').map((r) => (r.event.payload as { ticketId?: string }).ticketId)).toEqual([
      ticketId,
    ]);
  });

  it('answers 404 for an unknown deflection', async () => {
    expect((await f.json('/v1/deflect/nope/feedback', { resolved: true }, widget)).status).toBe(404);
  });
});
