import { Topics } from '@triage/contracts';
import { type Delivery, PermanentError } from '@triage/bus';
import { applyEach, type Refusal } from '@triage/lifecycle';
import type { Worker } from '@triage/runtime';
import type { Store } from '@triage/store';

type Report = Delivery<typeof Topics.ticketsLifecycle>;

const reasonOf = ({ event }: Report, refusal: Refusal): string =>
  refusal.status === 'unknown_ticket'
    ? `tenant ${event.tenantId} has no ticket ${event.key}`
    : `report ${refusal.reportId} refused on ticket ${event.key} (now ${refusal.state}): ${refusal.reason}`;

/**
 * Applies a batch's reports, one transaction per tenant (row-level security scopes a transaction
 * to one), and says why each it refused was.
 */
const applyBatch = async (store: Store, batch: readonly Report[]): Promise<Map<Report, string>> => {
  const refused = new Map<Report, string>();
  for (const [tenantId, reports] of Map.groupBy(batch, (d) => d.event.tenantId)) {
    const delivered = reports.map(({ event }) => ({ ticketId: event.key, report: event.payload, traceparent: event.traceparent }));
    for (const [i, refusal] of await applyEach(store, tenantId, delivered)) refused.set(reports[i]!, reasonOf(reports[i]!, refusal));
  }
  return refused;
};

/** Where a delivery sits on its topic, which a re-run of it shares. */
const positionOf = (delivery: Report) => `${delivery.partition}/${delivery.offset}`;

/**
 * Applies the reports helpdesks publish on `tickets.lifecycle`, as `POST /v1/tickets/{id}/events`
 * does. A batch is stored with its applied-change events in one transaction per tenant (the outbox,
 * which intake's relay publishes), each report decided on its own in batch order, and a report id
 * is stored once: a redelivery after a crash finds its reports applied and writes nothing more. So
 * the worker publishes nothing itself but dead letters, committed with its offsets in one Kafka
 * transaction. A report for an unknown ticket or one the timeline cannot take is dead-lettered with
 * the reason; replayed once its ticket or the missing earlier report has arrived, it applies.
 */
export const createLifecycleWorker = (store: Store): Worker<typeof Topics.ticketsLifecycle> => {
  // The bus dead-letters an event only when the handler fails on it alone: a PermanentError for a
  // batch makes it hand over each of the batch's events on its own, at once. So a batch with
  // refusals commits the reports it took, then fails, and the single events that follow are
  // answered from what it decided (a reason for each refused report, none for the others), not
  // decided again: that would cost a transaction each, and could take a refused report that a
  // later one of the batch has since made possible. Each verdict is forgotten once answered.
  const verdicts = new Map<string, string | undefined>();
  return {
    name: 'lifecycle',
    topic: Topics.ticketsLifecycle,
    group: 'lifecycle',
    handler: async (batch) => {
      const rerun = batch.length === 1 ? positionOf(batch[0]!) : undefined;
      if (rerun !== undefined && verdicts.has(rerun)) {
        const reason = verdicts.get(rerun);
        verdicts.delete(rerun);
        if (reason !== undefined) throw new PermanentError(reason);
        return [];
      }
      const refused = await applyBatch(store, batch);
      if (refused.size === 0) return [];
      if (rerun !== undefined) throw new PermanentError(refused.get(batch[0]!)!);
      for (const delivery of batch) verdicts.set(positionOf(delivery), refused.get(delivery));
      throw new PermanentError(`${refused.size} of ${batch.length} reports refused: dead-lettering them alone`);
    },
  };
};
