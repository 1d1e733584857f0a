import { PermanentError } from '@triage/bus';
import { Topics, type TicketRouted } from '@triage/contracts';
import type { Logger, Worker } from '@triage/runtime';
import type { RtTicket, Store } from '@triage/store';
import { RtFields } from './custom-fields.ts';
import { packetComment } from './packet-comment.ts';
import { type RtClient, RtRefused, RtUnavailable } from './rt-client.ts';
import { decidedFields, newRtTicket, triageMarker } from './rt-ticket.ts';
import { rtQueueOf, type RtTenants } from './tenants.ts';

export interface OutboundDeps {
  store: Store;
  rt: RtClient;
  tenants: RtTenants;
  logger: Logger;
  concurrency: number;
}

interface Page {
  items: { id: string | number; Type?: string; Status?: string }[];
}

/**
 * Sends each routed ticket of a configured tenant to RT, once across redeliveries and crashes: the
 * mapping row is written as 'creating' before RT is asked, so a delivery that finds such a row
 * looks the ticket up by its TriageTicketId before creating it, and one that finds it 'created'
 * updates what Triage decided instead. A refusal (a queue RT does not have, a right missing, the
 * RT ticket deleted) dead-letters the ticket with RT's reason; RT being down is waited out, never
 * dead-lettered, so an outage loses nothing (the batch stays uncommitted while it lasts).
 */
export const createOutboundWorker = (deps: OutboundDeps): Worker<typeof Topics.ticketsRouted> => {
  const send = sender(deps);
  return {
    name: 'rt-connector',
    topic: Topics.ticketsRouted,
    group: 'rt-connector',
    maxBatchSize: 4 * deps.concurrency,
    handler: async (batch) => {
      const pending = batch.map(({ event }) => event.payload);
      const failures: unknown[] = [];
      // A few tickets at a time: RT answers each request in about a quarter of a second.
      const lane = async (): Promise<void> => {
        for (let next = pending.shift(); next; next = pending.shift()) await send(next).catch((error) => failures.push(error));
      };
      await Promise.all(Array.from({ length: deps.concurrency }, lane));
      // The bus re-runs a failed batch one event at a time, so only the refused ones are dead-lettered.
      if (failures.length) throw failures[0];
      return [];
    },
  };
};

const sender = ({ store, rt, tenants, logger }: OutboundDeps) => {
  const findByMarker = async (marker: string): Promise<number | undefined> => {
    const page = await rt.get<Page>('/tickets', {
      query: `CF.{${RtFields.triageTicketId}} = '${marker.replaceAll("'", "\\'")}'`,
      fields: 'id',
    });
    return page.items[0] ? Number(page.items[0].id) : undefined;
  };

  const hasComment = async (rtId: number): Promise<boolean> => {
    const page = await rt.get<Page>(`/ticket/${rtId}/history`, { fields: 'Type', per_page: 100 });
    return page.items.some((t) => t.Type === 'Comment');
  };

  /** Posts once: after an unanswered attempt, `done` says whether RT took it after all. */
  const postOnce = async <T>(path: string, body: unknown, done: () => Promise<T | undefined>, tryFirst = true): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1 || !tryFirst) {
        const already = await done();
        if (already !== undefined) return already;
      }
      try {
        return await rt.post<T>(path, body);
      } catch (error) {
        if (!(error instanceof RtUnavailable)) throw error;
        logger.warn('Request Tracker unavailable; retrying', { path, attempt, err: error.message });
        await rt.backoff(attempt);
      }
    }
  };

  const comment = (rtId: number, routed: TicketRouted) =>
    postOnce(`/ticket/${rtId}/comment`, { Content: packetComment(routed), ContentType: 'text/plain' }, async () =>
      (await hasComment(rtId)) ? true : undefined,
    );

  const create = async (row: RtTicket, claimed: boolean, routed: TicketRouted, rtQueue: string): Promise<void> => {
    const marker = triageMarker(row.tenantId, row.ticketId);
    // A row this delivery did not write may be a crash's, after RT created the ticket.
    const made = await postOnce<{ id: string | number }>(
      '/ticket',
      newRtTicket(routed, rtQueue),
      async () => {
        const id = await findByMarker(marker);
        return id === undefined ? undefined : { id };
      },
      claimed,
    );
    const rtId = Number(made.id);
    await comment(rtId, routed);
    await store.rtTickets.created(row.tenantId, row.ticketId, rtId);
    logger.debug('created in Request Tracker', { tenantId: row.tenantId, ticketId: row.ticketId, rtId, queue: rtQueue });
  };

  const update = async (rtId: number, routed: TicketRouted): Promise<void> => {
    const current = await rt.get<{ Status?: string }>(`/ticket/${rtId}`).catch((error) => {
      if (error instanceof RtRefused && error.status === 404) return { Status: 'deleted' };
      throw error;
    });
    // Reported through the dead letter, once: the agents removed it, so sending it again would be wrong.
    if (current.Status === 'deleted') throw new PermanentError(`RT ticket ${rtId} of ticket ${routed.ticket.id} was deleted in RT`);
    await rt.put(`/ticket/${rtId}`, decidedFields(routed));
  };

  return async (routed: TicketRouted): Promise<void> => {
    const { tenantId, id: ticketId } = routed.ticket;
    const target = rtQueueOf(tenants, tenantId, routed.queue);
    if (!target) return;
    if (!target.queue) throw new PermanentError(`tenant ${tenantId} maps no RT queue for ${routed.queue} and has no defaultQueue`);
    const { row, claimed } = await store.rtTickets.claim({
      tenantId,
      ticketId,
      queue: routed.queue,
      tier: routed.escalation.tier,
      requester: routed.ticket.customer.email,
    });
    try {
      if (row.rtId !== undefined) await update(row.rtId, routed);
      else await create(row, claimed, routed, target.queue);
    } catch (error) {
      if (error instanceof RtRefused)
        throw new PermanentError(`Request Tracker refused ticket ${ticketId}: ${error.message}`, { cause: error });
      throw error;
    }
  };
};
