import type { LifecycleReport, LifecycleReportType, LifecycleState, Priority } from '@triage/contracts';

/** What a ticket's timeline amounts to so far: its state and what later reports are checked against. */
export interface Standing {
  state: LifecycleState;
  /** The state a ticket waiting on the customer goes back to. */
  resumeTo?: LifecycleState | undefined;
  firstResponded: boolean;
  everAssigned: boolean;
  /** An escalation neither resolved nor sent back, with the tier it left from. */
  escalation?: { fromTier: number | undefined } | undefined;
  /** What the agents set last: the outcome the models learn from. */
  category?: string | undefined;
  priority?: Priority | undefined;
  tier?: number | undefined;
}

export const initialStanding: Standing = { state: 'open', firstResponded: false, everAssigned: false };

export type Step = { ok: true; standing: Standing } | { ok: false; reason: string };

interface Rule<T extends LifecycleReportType> {
  /** The states the report is possible in. */
  from: readonly LifecycleState[];
  /** Why the report is impossible although the state allows it, if it is. */
  refuse?: (s: Standing) => string | undefined;
  next: (s: Standing, report: Extract<LifecycleReport, { type: T }>) => Standing;
}

const working = ['open', 'assigned', 'escalated'] as const satisfies LifecycleState[];
const unresolved = [...working, 'pending_customer'] as const satisfies LifecycleState[];

const resume = (s: Standing): Standing => ({ ...s, state: s.resumeTo ?? 'open', resumeTo: undefined });

// Escalating, resolving or closing ends a wait on the customer; resolving and closing end an escalation.
const rules: { [T in LifecycleReportType]: Rule<T> } = {
  assigned: {
    from: unresolved,
    // A ticket reassigned while it waits on the customer keeps waiting: its SLA clock stays paused.
    next: (s, r) => ({
      ...s,
      ...(s.state === 'pending_customer' ? { resumeTo: 'assigned' } : { state: 'assigned' }),
      everAssigned: true,
      tier: r.tier,
    }),
  },
  first_response: {
    from: working,
    refuse: (s) => (s.firstResponded ? 'the ticket already had its first response' : undefined),
    next: (s) => ({ ...s, firstResponded: true }),
  },
  customer_replied: {
    from: [...unresolved, 'resolved'],
    next: (s) => (s.state === 'pending_customer' ? resume(s) : s),
  },
  pending_customer: {
    from: working,
    next: (s) => ({ ...s, state: 'pending_customer', resumeTo: s.state }),
  },
  resumed: { from: ['pending_customer'], next: resume },
  escalated: {
    from: unresolved,
    next: (s, r) => ({
      ...s,
      state: 'escalated',
      resumeTo: undefined,
      escalation: s.escalation ?? { fromTier: s.tier },
      tier: r.to.tier ?? s.tier,
    }),
  },
  escalation_returned: {
    from: unresolved,
    refuse: (s) => (s.escalation ? undefined : 'no escalation is open to send back'),
    next: (s) => ({ ...s, state: 'assigned', resumeTo: undefined, escalation: undefined, tier: s.escalation?.fromTier }),
  },
  resolved: {
    from: unresolved,
    next: (s, r) => ({ ...s, state: 'resolved', resumeTo: undefined, escalation: undefined, tier: r.resolvingTier }),
  },
  reopened: {
    from: ['resolved'],
    next: (s) => ({ ...s, state: s.everAssigned ? 'assigned' : 'open' }),
  },
  closed: {
    from: [...unresolved, 'resolved'],
    next: (s) => ({ ...s, state: 'closed', resumeTo: undefined, escalation: undefined }),
  },
};

/** The standing after `report`, or why the report is impossible in `standing`. */
export const step = (standing: Standing, report: LifecycleReport): Step => {
  const rule = rules[report.type] as Rule<typeof report.type>;
  if (!rule.from.includes(standing.state))
    return { ok: false, reason: `${report.type} is not possible when the ticket is ${standing.state}` };
  const refused = rule.refuse?.(standing);
  if (refused !== undefined) return { ok: false, reason: `${report.type} is not possible: ${refused}` };
  const next = rule.next(standing, report as never);
  return {
    ok: true,
    standing: { ...next, category: report.category ?? next.category, priority: report.priority ?? next.priority },
  };
};
