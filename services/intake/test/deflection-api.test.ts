import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SUBJECT_CHARS, TicketReceived } from '@triage/contracts';
import { ALLOWED_ORIGIN, createApiFixture, type ApiFixture, widget } from './api-fixture.ts';

let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture();
});
afterAll(() => f.close());

const issuePaths = async (res: Response) => ((await res.json()) as { issues: { path: string }[] }).issues.map((i) => i.path);
/** Runs DDL as the database owner: the store's own role may not create triggers. */
const asOwner = (ddl: string) =>
  f.store.sql.transaction(async (tx) => {
    await tx.query('SET LOCAL ROLE NONE');
    await tx.query(ddl);
  });
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
    const rows = await f.drainOutbox();
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
    await f.drainOutbox();
  });

  it('refuses an unknown widget key (401), a foreign origin (403) and bad questions (400)', async () => {
    expect((await f.json('/v1/deflect', { question: 'hello there' }, { 'x-widget-key': 'wk_nope' })).status).toBe(401);
    expect((await f.json('/v1/deflect', { question: 'hello there' }, { ...widget, origin: 'https://evil.test' })).status).toBe(403);
    for (const question of ['', '   ', 'x'.repeat(10 * 1024), 'reset\u0000password', 'reset \ud800 password']) {
      const res = await f.json('/v1/deflect', { question }, widget);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { issues: { path: string }[] }).issues[0]!.path).toBe('question');
    }
    expect(await f.drainOutbox()).toEqual([]);
  });
});

describe('POST /v1/deflect, when its event cannot be stored', () => {
  it('keeps no deflection either: the two are written in one transaction', async () => {
    await asOwner(`CREATE FUNCTION refuse_event() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;
      CREATE TRIGGER refuse_event BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION refuse_event();`);
    try {
      expect((await f.json('/v1/deflect', { question: 'printer offline again' }, widget)).status).toBe(500);
    } finally {
      await asOwner('DROP TRIGGER refuse_event ON outbox; DROP FUNCTION refuse_event();');
    }
    const stored = await f.store.sql.transaction(
      async (tx) =>
        (await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM deflections WHERE question = 'printer offline again'")).rows[0]!.n,
      { tenantId: 'acme' },
    );
    expect(stored).toBe(0);
  });
});

describe('POST /v1/deflect/:id/feedback', () => {
  it('counts a resolved deflection once and answers 409 to a second feedback', async () => {
    const { deflectionId } = await deflect('how do I reset my password');
    await f.drainOutbox();
    const first = await f.json(`/v1/deflect/${deflectionId}/feedback`, { resolved: true }, widget);
    expect(first.status).toBe(200);
    const again = await f.json(`/v1/deflect/${deflectionId}/feedback`, { resolved: false }, widget);
    expect(again.status).toBe(409);
    const events = await f.drainOutbox();
    expect(events.map((r) => (r.event.payload as { outcome: string }).outcome)).toEqual(['resolved']);
  });

  it('credits the verdict to the article the customer opened only, and refuses one that was not shown', async () => {
    const { deflectionId, solutions } = await deflect('how do I change my password');
    await f.drainOutbox();
    const [first, second] = solutions.map((s) => s.articleId);
    const votes = (articleId: string) =>
      f.store.sql.transaction(
        async (tx) =>
          (
            await tx.query<{ helpful_votes: number; unhelpful_votes: number }>(
              'SELECT helpful_votes, unhelpful_votes FROM articles WHERE tenant_id = $1 AND id = $2',
              ['acme', articleId],
            )
          ).rows[0],
        { tenantId: 'acme' },
      );
    const before = [await votes(first!), await votes(second!)];
    const path = `/v1/deflect/${deflectionId}/feedback`;
    const foreign = await f.json(path, { resolved: true, articleId: 'no-such-article' }, widget);
    expect(foreign.status).toBe(400);
    expect(((await foreign.json()) as { message: string }).message).toContain('no-such-article');
    expect((await f.json(path, { resolved: true, articleId: second }, widget)).status).toBe(200);
    const rows = await f.drainOutbox();
    expect(rows.map((r) => (r.event.payload as { creditedArticleId?: string }).creditedArticleId)).toEqual([second]);
    expect(await votes(first!)).toEqual(before[0]);
    expect(await votes(second!)).toEqual({ ...before[1], helpful_votes: before[1]!.helpful_votes + 1 });
  });

  it('credits no article, and tells the agent none was shown, when the question was not deflectable and the customer opened none', async () => {
    // The fixture's search always answers; a deflection below the self-serve bar is stored as intake would.
    const deflectionId = randomUUID();
    const solutions = [{ articleId: '2fa', title: 'Reset two-factor authentication', snippet: 'Lost your phone?', score: 0.2 }];
    await f.store.deflections.create({
      id: deflectionId,
      tenantId: 'acme',
      question: 'capital of Mongolia',
      solutions,
      deflectable: false,
      confidence: 0.07,
      outcome: 'shown',
    });
    const unhelpful = () =>
      f.store.sql.transaction(
        async (tx) =>
          (await tx.query<{ n: number }>("SELECT unhelpful_votes AS n FROM articles WHERE tenant_id = 'acme' AND id = '2fa'")).rows[0]!.n,
        { tenantId: 'acme' },
      );
    const before = await unhelpful();
    expect((await f.json(`/v1/deflect/${deflectionId}/feedback`, { resolved: false }, widget)).status).toBe(200);
    const rows = await f.drainOutbox();
    expect(rows.find((r) => r.topic === 'deflections.recorded')!.event.payload).not.toHaveProperty('creditedArticleId');
    expect(await unhelpful()).toBe(before);
    const { ticket } = TicketReceived.parse(rows.find((r) => r.topic === 'tickets.received')!.event.payload);
    expect(ticket.deflection).toMatchObject({ deflectionId, articlesShown: [] });
  });

  it('opens a ticket carrying the question, the articles shown and the comment when not resolved', async () => {
    const { deflectionId, solutions } = await deflect('SSO login fails with SAML error');
    await f.drainOutbox();
    const res = await f.json(
      `/v1/deflect/${deflectionId}/feedback`,
      { resolved: false, comment: 'tried all three', customer: { email: 'kim@acme.test' } },
      widget,
    );
    expect(res.status).toBe(200);
    const { ticketId } = (await res.json()) as { ticketId: string };
    const rows = await f.drainOutbox();
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

  it('answers 404 for an unknown deflection and 400 naming the id for one that is no id at all', async () => {
    expect((await f.json(`/v1/deflect/${randomUUID()}/feedback`, { resolved: true }, widget)).status).toBe(404);
    for (const id of ['nope', '%00', `${randomUUID()}%00`]) {
      const res = await f.json(`/v1/deflect/${id}/feedback`, { resolved: true }, widget);
      expect(res.status).toBe(400);
      expect(await issuePaths(res)).toEqual(['deflectionId']);
    }
  });

  it('refuses feedback PostgreSQL cannot store with 400, leaving the deflection open', async () => {
    const { deflectionId } = await deflect('VPN keeps dropping');
    await f.drainOutbox();
    const path = `/v1/deflect/${deflectionId}/feedback`;
    const nul = await f.json(path, { resolved: false, comment: 'still\u0000broken' }, widget);
    expect(nul.status).toBe(400);
    expect(await issuePaths(nul)).toEqual(['comment']);
    const surrogate = await f.json(path, { resolved: false, customer: { name: 'Kim \ud800' } }, widget);
    expect(surrogate.status).toBe(400);
    expect(await issuePaths(surrogate)).toEqual(['customer.name']);
    expect(await f.drainOutbox()).toEqual([]);
    expect((await f.json(path, { resolved: false, comment: 'still broken' }, widget)).status).toBe(200);
    await f.drainOutbox();
  });

  it('leaves the deflection open when storing its ticket fails, so a retry opens the ticket once', async () => {
    const { deflectionId } = await deflect('Printer offline on floor 2');
    await f.drainOutbox();
    const path = `/v1/deflect/${deflectionId}/feedback`;
    await asOwner(`CREATE FUNCTION refuse_ticket() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;
      CREATE TRIGGER refuse_ticket BEFORE INSERT ON tickets FOR EACH ROW EXECUTE FUNCTION refuse_ticket();`);
    try {
      expect((await f.json(path, { resolved: false, comment: 'still offline' }, widget)).status).toBe(500);
    } finally {
      await asOwner('DROP TRIGGER refuse_ticket ON tickets; DROP FUNCTION refuse_ticket();');
    }
    expect(await f.store.deflections.get('acme', deflectionId)).toMatchObject({ outcome: 'shown', ticketId: undefined });
    expect(await f.drainOutbox()).toEqual([]);

    const retry = await f.json(path, { resolved: false, comment: 'still offline' }, widget);
    expect(retry.status).toBe(200);
    const { ticketId } = (await retry.json()) as { ticketId: string };
    const rows = await f.drainOutbox();
    expect(rows.map((r) => [r.topic, (r.event.payload as { ticketId?: string; ticket?: { id: string } }).ticket?.id])).toEqual([
      ['tickets.received', ticketId],
      ['deflections.recorded', undefined],
    ]);
    expect(await f.store.deflections.get('acme', deflectionId)).toMatchObject({ outcome: 'unresolved', ticketId });
  });

  it('cuts a long question to a subject without splitting an emoji', async () => {
    const question = `${'a'.repeat(MAX_SUBJECT_CHARS - 1)}😀 and more`;
    const { deflectionId } = await deflect(question);
    await f.drainOutbox();
    const res = await f.json(`/v1/deflect/${deflectionId}/feedback`, { resolved: false }, widget);
    expect(res.status).toBe(200);
    const received = (await f.drainOutbox()).find((r) => r.topic === 'tickets.received');
    const { ticket } = TicketReceived.parse(received!.event.payload);
    expect(ticket.subject).toBe('a'.repeat(MAX_SUBJECT_CHARS - 1));
    expect(ticket.body).toBe(question);
  });
});
