import { randomUUID } from 'node:crypto';
import { createEvent, Ticket, Topics, type Envelope } from '@triage/contracts';
import type { ArticleInput, Sql, Store } from '../../src/index.ts';

/** What each area of the suite is given: the store is read through a getter, as a test may close it and open the database again. */
export interface StoreContext {
  /** The store currently open on the suite's database. */
  readonly store: Store;
  /** Opens the suite's database again as the current store, after a test closed the previous one. */
  reopen(embeddingDim: number): Promise<void>;
  /** A new tenant, so a test sees only its own rows. */
  newTenant(): Promise<string>;
}

export const DIM = 4;

/** Runs `text` as the session's login role instead of `triage_app`, for inspecting what the app role cannot see. */
export const asOwner = <R>(sql: Sql, text: string, params?: unknown[]) =>
  sql.transaction(async (tx) => {
    await tx.query('SET LOCAL ROLE NONE');
    return (await tx.query<R>(text, params)).rows;
  });

export const newTicket = (tenantId: string, id = randomUUID()): Ticket =>
  Ticket.parse({
    id,
    tenantId,
    receivedAt: new Date().toISOString(),
    subject: 'Cannot log in',
    body: 'The login page says my password is wrong.',
    channel: 'email',
    customer: { id: 'c1', tier: 'pro' },
  });

export const receivedEvent = (ticket: Ticket): { topic: string; event: Envelope } => ({
  topic: Topics.ticketsReceived,
  event: createEvent(Topics.ticketsReceived, { tenantId: ticket.tenantId, key: ticket.id, payload: { ticket } }),
});

export const article = (id: string, ...embeddings: number[][]): ArticleInput => ({
  id,
  title: `Article ${id}`,
  body: `Body of ${id}`,
  chunks: embeddings.map((embedding, i) => ({ text: `${id} chunk ${i}`, embedding })),
});

export const unsentIds = async (sql: Sql, tenantId: string): Promise<number[]> =>
  (
    await sql.query<{ id: string | number }>('SELECT id FROM outbox WHERE tenant_id = $1 AND sent_at IS NULL ORDER BY id', [tenantId])
  ).rows.map((r) => Number(r.id));
