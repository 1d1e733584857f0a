import { addBusinessTime, businessMinutesBetween, type Calendar } from '@triage/business-time';
import type { EventOf, SlaDeadlineKind, Topics } from '@triage/contracts';
import type { SlaDeadline } from '@triage/store';
import { calendarOf, type SlaPolicy } from './policy.ts';

const MINUTE_MS = 60_000;
const iso = (date: Date) => date.toISOString();
const live = (d: SlaDeadline) => d.stage === 'open' || d.stage === 'at_risk';

/** When a window of `minutes` business minutes from `start` turns at risk, and when it is due. */
const windowFrom = (calendar: Calendar, policy: SlaPolicy, start: Date, minutes: number) => ({
  atRiskAt: iso(addBusinessTime(calendar, start, minutes * policy.atRiskShare)),
  dueAt: iso(addBusinessTime(calendar, start, minutes)),
});

/**
 * A routed ticket's two deadlines. The escalator sets them on the wall clock from the ticket's
 * arrival; their lengths are the SLA targets, which run here on the tenant's calendar for the
 * customer's tier instead (the same instants under the default 24x7).
 */
export const deadlinesOf = (event: EventOf<typeof Topics.ticketsRouted>, policy: SlaPolicy): SlaDeadline[] => {
  const { ticket, escalation, queue } = event.payload;
  const received = new Date(ticket.receivedAt);
  const base = { tenantId: event.tenantId, ticketId: ticket.id, queue, priority: escalation.priority, customerTier: ticket.customer.tier };
  const calendar = calendarOf(policy, base);
  const due: Record<SlaDeadlineKind, string> = {
    first_response: escalation.sla.firstResponseDueAt,
    resolution: escalation.sla.resolutionDueAt,
  };
  return (['first_response', 'resolution'] as const).map((kind) => {
    const windowMinutes = ((Date.parse(due[kind]) - received.getTime()) / MINUTE_MS) * policy.windowScale;
    const { atRiskAt, dueAt } = windowFrom(calendar, policy, received, windowMinutes);
    return { ...base, kind, window: 1, windowMinutes, atRiskAt, dueAt, stage: 'open', nextFireAt: atRiskAt, pause: null };
  });
};

/** What a due deadline comes to at `now`: its next stage, and the escalation to send with it. */
export const fire = (
  deadline: SlaDeadline,
  now: Date,
  policy: SlaPolicy,
): { deadline: SlaDeadline; escalation?: { reason: 'sla_at_risk' | 'sla_breached'; minutesLeft: number } } => {
  if (!live(deadline)) return { deadline: { ...deadline, nextFireAt: null } };
  // A watch that was down past the due time says only what is still true: breached, not at risk.
  if (deadline.stage === 'open' && now < new Date(deadline.dueAt)) {
    const minutesLeft = Math.max(0, businessMinutesBetween(calendarOf(policy, deadline), now, new Date(deadline.dueAt)));
    return { deadline: { ...deadline, stage: 'at_risk', nextFireAt: deadline.dueAt }, escalation: { reason: 'sla_at_risk', minutesLeft } };
  }
  return { deadline: { ...deadline, stage: 'breached', nextFireAt: null }, escalation: { reason: 'sla_breached', minutesLeft: 0 } };
};

/** The ticket waits on the customer: the clock stops, keeping the business time each moment had left. */
export const pause = (deadline: SlaDeadline, at: Date, policy: SlaPolicy): SlaDeadline => {
  if (!live(deadline) || deadline.pause) return deadline;
  const calendar = calendarOf(policy, deadline);
  return {
    ...deadline,
    nextFireAt: null,
    pause: {
      since: iso(at),
      atRiskLeftMinutes: businessMinutesBetween(calendar, at, new Date(deadline.atRiskAt)),
      dueLeftMinutes: businessMinutesBetween(calendar, at, new Date(deadline.dueAt)),
    },
  };
};

/** The clock runs again: each moment moves later by the business time the ticket spent waiting. */
export const resume = (deadline: SlaDeadline, at: Date, policy: SlaPolicy): SlaDeadline => {
  const { pause: paused } = deadline;
  if (!paused || !live(deadline)) return deadline;
  const calendar = calendarOf(policy, deadline);
  // A resumption reported from before the pause cannot give time back.
  const from = new Date(Math.max(at.getTime(), Date.parse(paused.since)));
  const dueAt = iso(addBusinessTime(calendar, from, paused.dueLeftMinutes));
  const atRiskAt = deadline.stage === 'open' ? iso(addBusinessTime(calendar, from, paused.atRiskLeftMinutes)) : deadline.atRiskAt;
  return { ...deadline, atRiskAt, dueAt, nextFireAt: deadline.stage === 'open' ? atRiskAt : dueAt, pause: null };
};

/** Answered or resolved before the deadline broke: nothing more is sent for it. */
export const meet = (deadline: SlaDeadline): SlaDeadline =>
  live(deadline) ? { ...deadline, stage: 'met', nextFireAt: null, pause: null } : deadline;

/**
 * A resolved ticket opened again gets a new resolution window, as long as the first, from `at`.
 * A window still running (a reopen delivered twice) is left alone.
 */
export const reopen = (deadline: SlaDeadline, at: Date, policy: SlaPolicy): SlaDeadline => {
  if (live(deadline)) return deadline;
  const { atRiskAt, dueAt } = windowFrom(calendarOf(policy, deadline), policy, at, deadline.windowMinutes);
  return { ...deadline, window: deadline.window + 1, atRiskAt, dueAt, stage: 'open', nextFireAt: atRiskAt, pause: null };
};
