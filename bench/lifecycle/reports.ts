import type { LifecycleReport } from '@triage/contracts';
import { CATEGORIES } from './seed-tickets.ts';

export interface KeyedReport {
  tenantId: string;
  ticketId: string;
  report: LifecycleReport;
}

const MINUTE = 60_000;

/**
 * One ticket's life as a helpdesk reports it, `n` choosing among the variants: every ticket is
 * assigned, answered, resolved and closed (most with a CSAT score); a third also wait on the
 * customer and resume, a third wait and hear back from them, and one in five is reassigned to
 * tier 2 with another category (a correction, which also writes a labeled example).
 */
const lifeOf = (ticketId: string, n: number, openedAt: number): LifecycleReport[] => {
  const at = (minutes: number) => new Date(openedAt + minutes * MINUTE).toISOString();
  const id = (step: string) => `${ticketId}:${step}`;
  const reports: LifecycleReport[] = [
    { type: 'assigned', id: id('assigned'), occurredAt: at(2), queue: 'tier1-general', tier: 1, agent: `agent-${n % 17}` },
    { type: 'first_response', id: id('first-response'), occurredAt: at(12), agent: `agent-${n % 17}` },
  ];
  if (n % 3 !== 0) {
    reports.push({ type: 'pending_customer', id: id('pending'), occurredAt: at(30), reason: 'Asked for the order number.' });
    reports.push(
      n % 3 === 1
        ? { type: 'resumed', id: id('resumed'), occurredAt: at(95) }
        : { type: 'customer_replied', id: id('replied'), occurredAt: at(95) },
    );
  }
  if (n % 5 === 0) {
    reports.push({
      type: 'assigned',
      id: id('reassigned'),
      occurredAt: at(100),
      queue: 'tier2-bugs',
      tier: 2,
      category: CATEGORIES[(n + 1) % CATEGORIES.length]!,
      priority: 'P2',
    });
  }
  reports.push({
    type: 'resolved',
    id: id('resolved'),
    occurredAt: at(120),
    notes: 'Reset the account and confirmed the customer can sign in.',
    resolvingTier: n % 5 === 0 ? 2 : 1,
    ...(n % 2 === 0 ? { kbArticleId: `kb-${n % 40}` } : {}),
  });
  reports.push({
    type: 'closed',
    id: id('closed'),
    occurredAt: at(180),
    ...(n % 4 === 3 ? {} : { csat: 1 + (n % 5) }),
    ...(n % 8 === 0 ? { csatComment: 'Quick and friendly, thanks.' } : {}),
  });
  return reports;
};

/**
 * Tickets' reports until there are at least `count`, in the order a helpdesk would send them:
 * ticket n opens 2 s after ticket n-1 and lives three hours, so thousands are open at once and
 * every ticket's reports are spread among the others' (two in one consumer batch are rare), each
 * ticket's in order. Tickets alternate between the tenants.
 */
export const reportStream = (tenants: readonly string[], prefix: string, count: number, start: Date): KeyedReport[] => {
  const all: { report: KeyedReport; at: number }[] = [];
  for (let n = 0; all.length < count; n++) {
    const tenantId = tenants[n % tenants.length]!;
    const ticketId = `${prefix}${n}`;
    for (const report of lifeOf(ticketId, n, start.getTime() + n * 2_000))
      all.push({ report: { tenantId, ticketId, report }, at: Date.parse(report.occurredAt) });
  }
  // A stable sort keeps a ticket's reports in their order when two share a moment.
  return all.sort((a, b) => a.at - b.at).map((r) => r.report);
};

/** The tickets of `stream`, by tenant, each once. */
export const ticketsByTenant = (stream: readonly KeyedReport[]): Map<string, string[]> => {
  const byTenant = new Map<string, Set<string>>();
  for (const { tenantId, ticketId } of stream) byTenant.set(tenantId, (byTenant.get(tenantId) ?? new Set()).add(ticketId));
  return new Map([...byTenant].map(([tenant, ids]) => [tenant, [...ids]]));
};
