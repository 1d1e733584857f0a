import { LifecycleReport } from '@triage/contracts';

let next = 0;
const base = Date.parse('2025-03-04T09:00:00Z');

type Fields<T extends LifecycleReport['type']> = Omit<Extract<LifecycleReport, { type: T }>, 'type' | 'id' | 'occurredAt'>;

/** A valid report of `type` at `minute` minutes past 09:00, with a fresh id unless given one. */
export const report = <T extends LifecycleReport['type']>(
  type: T,
  minute: number,
  fields: Partial<Fields<T>> & Record<string, unknown> = {},
  id = `r-${++next}`,
): LifecycleReport => {
  const required: Partial<Record<LifecycleReport['type'], Record<string, unknown>>> = {
    assigned: { queue: 'tier1-general', tier: 1 },
    escalated: { to: { tier: 2 }, direction: 'hierarchical', by: 'ann' },
    escalation_returned: { missingFields: [] },
    resolved: { notes: 'fixed', resolvingTier: 1 },
  };
  return LifecycleReport.parse({
    type,
    id,
    occurredAt: new Date(base + minute * 60_000).toISOString(),
    ...required[type],
    ...fields,
  });
};
