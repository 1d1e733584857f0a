import { type Categorization, Ticket } from '@triage/contracts';
import type pg from 'pg';
import { variedTickets } from '../../test/harness/tickets.ts';

/** A few of the seed categories: what the categorizer "said", so an agent's other category is a correction. */
export const CATEGORIES = ['account-access', 'billing', 'hardware', 'software-bug'] as const;
const CHUNK = 1_000;

/**
 * Routed tickets written straight to `tickets` and `ticket_stages` (a categorization and a route
 * each, as the pipeline leaves them), `CHUNK` per INSERT: the lifecycle service reads both when it
 * applies a report, and running the pipeline to make them would take minutes. `db` connects as the
 * database's owner, whom row-level security lets write any tenant's rows.
 */
export const seedRoutedTickets = async (db: pg.Pool, tenantId: string, ids: readonly string[]): Promise<void> => {
  const submissions = await variedTickets(ids.length);
  for (let from = 0; from < ids.length; from += CHUNK) {
    const tickets = ids
      .slice(from, from + CHUNK)
      .map((id, j) => Ticket.parse({ ...submissions[from + j]!, id, tenantId, receivedAt: new Date().toISOString() }));
    await db.query("INSERT INTO tickets (tenant_id, id, ticket) SELECT $1, t ->> 'id', t FROM unnest($2::jsonb[]) AS t", [
      tenantId,
      tickets.map((t) => JSON.stringify(t)),
    ]);
    const categorize = tickets.map(
      (_t, j): Categorization => ({
        category: CATEGORIES[(from + j) % CATEGORIES.length]!,
        kind: 'incident',
        confidence: 0.82,
        abstained: false,
        modelVersion: 'bench',
        alternatives: [],
      }),
    );
    // The route stage's output is the handoff packet a human reads; its size is what the service reads back.
    const route = tickets.map((t) => ({ queue: 'tier1-general', priority: 'P3', summary: t.body, openQuestions: [] }));
    await db.query(
      `INSERT INTO ticket_stages (tenant_id, ticket_id, stage, output, source)
       SELECT $1, s.id, s.stage, s.output, 'bench-seed'
       FROM unnest($2::text[], $3::text[], $4::jsonb[]) AS s(id, stage, output)`,
      [
        tenantId,
        [...tickets.map((t) => t.id), ...tickets.map((t) => t.id)],
        [...tickets.map(() => 'categorize'), ...tickets.map(() => 'route')],
        [...categorize, ...route].map((o) => JSON.stringify(o)),
      ],
    );
  }
};
