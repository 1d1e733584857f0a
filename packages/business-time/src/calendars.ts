import { CustomerTier } from '@triage/contracts';
import { z } from 'zod';
import { Calendar } from './calendar.ts';

const TenantCalendars = z.strictObject({
  /** The tenant's desk for tiers not listed under `tiers`. */
  default: Calendar.optional(),
  tiers: z.partialRecord(CustomerTier, Calendar).default({}),
});

/**
 * Which clock each tenant's SLA runs on, per customer tier: the most specific entry wins (the
 * tenant's tier, the tenant's default, then the global default, itself 24x7 unless set).
 */
export const SlaCalendars = z.strictObject({
  default: Calendar.default('24x7'),
  tenants: z.record(z.string().min(1), TenantCalendars).default({}),
});

export type SlaCalendars = z.infer<typeof SlaCalendars>;
export type SlaCalendarsInput = z.input<typeof SlaCalendars>;

export const calendarFor = (calendars: SlaCalendars, tenantId: string, tier: CustomerTier): Calendar => {
  const tenant = calendars.tenants[tenantId];
  return tenant?.tiers[tier] ?? tenant?.default ?? calendars.default;
};
