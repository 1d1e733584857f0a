import { type Calendar, calendarFor, type SlaCalendars } from '@triage/business-time';
import type { CustomerTier } from '@triage/contracts';

/** How the watch reads the escalator's SLA: on whose clock, when a deadline turns at risk, and how much shorter (demos, tests). */
export interface SlaPolicy {
  calendars: SlaCalendars;
  atRiskShare: number;
  windowScale: number;
}

export const calendarOf = (policy: SlaPolicy, deadline: { tenantId: string; customerTier: CustomerTier }): Calendar =>
  calendarFor(policy.calendars, deadline.tenantId, deadline.customerTier);
