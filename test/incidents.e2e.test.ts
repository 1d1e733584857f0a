// One incident per outage and related tickets, through the real Kafka broker and PostgreSQL +
// pgvector: two handoff composers share the assessed tickets, so reports race across processes.
import { describe, expect, it } from 'vitest';
import { type EventOf, type TicketSubmission, Topics } from '@triage/contracts';
import { type ProblemPipeline, startProblemPipeline } from './harness/problem-pipeline.ts';
import { runDuringFile } from './harness/system.ts';
import { waitFor } from './harness/wait.ts';

const TENANT = 'acme';
const API_KEY = 'e2e-incidents-key-0123456789';

let pipeline: ProblemPipeline;

runDuringFile(async () => {
  pipeline = await startProblemPipeline({
    tenant: TENANT,
    apiKey: API_KEY,
    services: ['categorizer', 'kb-retrieval', 'escalator', 'handoff-composer', 'handoff-composer'],
    observe: [Topics.ticketsRouted, Topics.incidentsMajor],
  });
  return pipeline;
}, 240_000);

const routedOf = (ticketId: string) =>
  pipeline.seen.get(Topics.ticketsRouted)!.find((d) => d.event.key === ticketId)?.event as EventOf<typeof Topics.ticketsRouted> | undefined;

const outage = (customer: string, subject: string, body: string): TicketSubmission => ({
  subject,
  body,
  channel: 'phone',
  customer: { id: customer, tier: 'enterprise', vip: false },
  affectedUsers: 400,
});

describe('one incident per outage', () => {
  it('joins four simultaneous reports from four customers into one major incident', async () => {
    const reports = [
      outage(
        'northwind',
        'Checkout is down',
        'Checkout is completely down: every payment fails with HTTP 502 on /api/checkout since 09:10. Outage for all our users.',
      ),
      outage(
        'contoso',
        'Payments failing for everyone',
        'Our customers cannot pay at all, checkout returns 502 Bad Gateway for every order. The whole store is down.',
      ),
      outage(
        'fabrikam',
        'Outage: cannot complete checkout',
        'All users hit an error at checkout (502) and no order goes through. Site down for everyone since a few minutes.',
      ),
      outage(
        'tailspin',
        'Checkout outage',
        'Checkout page is down for all of our shoppers, payment failed with a 502 error on every attempt.',
      ),
    ];
    const ids = await Promise.all(reports.map((r) => pipeline.submit(r)));
    const major = () => pipeline.seen.get(Topics.incidentsMajor)!.filter((d) => ids.includes(d.event.key));
    await waitFor(
      () => major().length === 4,
      120_000,
      () => `${major().length} of 4 incidents.major events`,
    );

    const incidents = major().map((d) => (d.event as EventOf<typeof Topics.incidentsMajor>).payload.packet.incident!);
    expect(new Set(incidents.map((i) => i.id)).size).toBe(1);
    expect(incidents.filter((i) => i.action === 'opened')).toHaveLength(1);
    expect(incidents.filter((i) => i.action === 'joined')).toHaveLength(3);
    // The last to join saw every member and every customer.
    const last = incidents.reduce((a, b) => (b.tickets > a.tickets ? b : a));
    expect(last.tickets).toBe(4);
    expect(last.affectedCustomers).toBe(4);
    expect(last.customers).toEqual(['contoso', 'fabrikam', 'northwind', 'tailspin']);

    const { rows } = await pipeline.store.sql.transaction(
      (tx) =>
        tx.query<{ incidents: number; members: number }>(
          'SELECT count(DISTINCT incident_id)::int AS incidents, count(*)::int AS members FROM incident_members WHERE tenant_id = $1 AND ticket_id = ANY($2::text[])',
          [TENANT, ids],
        ),
      { tenantId: TENANT },
    );
    expect(rows[0]).toEqual({ incidents: 1, members: 4 });
  }, 180_000);
});

describe('related tickets', () => {
  it("carries similar tickets on the routed packet, with a resolved one's resolution notes", async () => {
    const first = await pipeline.submit({
      subject: 'Invoice PDF download fails',
      body: 'When I click "Download PDF" on any invoice I get the error "PDF rendering failed (E_PDF_2210)". Tried Chrome and Firefox.',
      channel: 'email',
      customer: { id: 'globex', tier: 'pro', vip: false },
    });
    await waitFor(
      () => routedOf(first) !== undefined,
      90_000,
      () => 'first ticket not routed',
    );
    const resolved = await pipeline.report(first, {
      type: 'resolved',
      id: `resolve-${first}`,
      occurredAt: new Date().toISOString(),
      notes: 'Cleared the stuck PDF renderer queue for the account; invoices download again. Fixed for good in 4.2.1.',
      resolvingTier: 2,
    });
    expect(resolved.status).toBeLessThan(300);

    const second = await pipeline.submit({
      subject: 'Cannot download invoice as PDF',
      body: 'Downloading an invoice PDF fails every time with "PDF rendering failed (E_PDF_2210)". We need the invoices for our accounting.',
      channel: 'web',
      customer: { id: 'initech', tier: 'free', vip: false },
    });
    await waitFor(
      () => routedOf(second) !== undefined,
      90_000,
      () => 'second ticket not routed',
    );
    const packet = routedOf(second)!.payload.packet;
    const related = packet.relatedTickets?.find((r) => r.ticketId === first);
    expect(related).toMatchObject({ state: 'resolved', subject: 'Invoice PDF download fails' });
    expect(related!.similarity).toBeGreaterThan(0.5);
    expect(related!.resolutionNotes).toContain('PDF renderer queue');
    expect(packet.knownResolution).toMatchObject({ ticketId: first });
    expect(packet.knownResolution!.notes).toContain('4.2.1');
    // A ticket is never its own relative.
    expect(packet.relatedTickets!.map((r) => r.ticketId)).not.toContain(second);
  }, 180_000);
});
