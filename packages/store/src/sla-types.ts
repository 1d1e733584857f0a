import type { CustomerTier, Priority, SlaDeadlineKind } from '@triage/contracts';
import type { OutgoingEvent } from './types.ts';

/** open → at_risk → breached as the SLA watch fires; met when answered or resolved in time. */
export type SlaStage = 'open' | 'at_risk' | 'breached' | 'met';

/** One clock of a routed ticket; times are ISO strings. */
export interface SlaDeadline {
  tenantId: string;
  ticketId: string;
  kind: SlaDeadlineKind;
  /** 1, then one more each time a resolved ticket reopens. */
  window: number;
  queue: string;
  priority: Priority;
  customerTier: CustomerTier;
  /** The window's length in business minutes. */
  windowMinutes: number;
  atRiskAt: string;
  dueAt: string;
  stage: SlaStage;
  /** When the watch acts next; null when nothing is pending or the clock is paused. */
  nextFireAt: string | null;
  /** Set while the ticket waits on the customer, with the business minutes each moment had left then. */
  pause: { since: string; atRiskLeftMinutes: number; dueLeftMinutes: number } | null;
}

/** What firing some due deadlines comes to: the rows as they stand after, and the events to publish. */
export interface SlaFiring {
  deadlines: SlaDeadline[];
  events: OutgoingEvent[];
}

/** What a change does to a ticket's deadlines: the rows it changed (or added). */
export type SlaChange<C> = (deadlines: SlaDeadline[], change: C) => SlaDeadline[];

export interface SlaDeadlinesRepository {
  /**
   * Stores new deadlines, keeping any already stored (a routed event delivered again), then
   * applies, in the order they came, the changes held for their tickets (see `change`).
   */
  open<C>(deadlines: SlaDeadline[], apply: SlaChange<C>): Promise<void>;
  /**
   * Applies `change` to the ticket's deadlines, locked, writing back what `apply` returns in the
   * same transaction. A ticket with no deadlines yet has its change held (as JSON) until they open.
   */
  change<C>(tenantId: string, ticketId: string, change: C, apply: SlaChange<C>): Promise<void>;
  /**
   * Locks up to `limit` deadlines whose next firing is at or before `now`, skipping those another
   * watch holds, and in that same transaction writes back what `fire` returns and adds its events
   * to the outbox: a deadline fires with its events or not at all. Returns how many were due.
   */
  fireDue(now: string, limit: number, fire: (due: SlaDeadline[]) => SlaFiring): Promise<number>;
  /** The earliest next firing of any deadline, or null when none is pending. */
  nextFireAt(): Promise<string | null>;
  /** The ticket's deadlines, first response first. */
  forTicket(tenantId: string, ticketId: string): Promise<SlaDeadline[]>;
}
