import { NEEDS_TRIAGE, type IncidentMembership, type TicketAssessed } from '@triage/contracts';
import type { Store } from '@triage/store';

export interface IncidentOptions {
  windowMinutes: number;
  minSimilarity: number;
}

const MINUTE_MS = 60_000;

/** The major incident a major-incident ticket opens or joins; one per outage within the window. */
export const joinIncident = async (
  store: Store,
  tenantId: string,
  { ticket, categorization }: TicketAssessed,
  options: IncidentOptions,
): Promise<IncidentMembership> => {
  const membership = await store.incidents.report(
    tenantId,
    { ticketId: ticket.id, customerId: ticket.customer.id, category: categorization.category, reportedAt: ticket.receivedAt },
    {
      windowMs: options.windowMinutes * MINUTE_MS,
      minSimilarity: options.minSimilarity,
      // Tickets the categorizer was unsure of share a category by default, not by their fault.
      byCategory: categorization.category !== NEEDS_TRIAGE,
    },
  );
  return {
    id: membership.incidentId,
    action: membership.action,
    tickets: membership.tickets,
    affectedCustomers: membership.customers.length,
    customers: membership.customers,
    firstReportAt: membership.firstReportAt,
    lastReportAt: membership.lastReportAt,
  };
};
