import { setTimeout as sleep } from 'node:timers/promises';
import type { Bus } from '@triage/bus';
import { createEvent, Topics, type EventOf } from '@triage/contracts';
import type { Component, Logger } from '@triage/runtime';
import type { RtTicket, Store } from '@triage/store';
import type { RtClient } from './rt-client.ts';
import { type RtNames, type RtTransaction, reportOf } from './transactions.ts';

export interface InboundDeps {
  store: Store;
  bus: Bus;
  rt: RtClient;
  logger: Logger;
  /** Keys the cursor: one per RT instance. */
  source: string;
  pollIntervalMs: number;
  /** Aborted when the poller drains: ends its waits, and those of `rt`'s retries. */
  stop: AbortController;
}

const PAGE = 100;
// Only these transaction types report anything; the rest (EmailRecord, CustomField, …) is not read.
const QUERY = "ObjectType = 'RT::Ticket' AND (Type = 'Correspond' OR Type = 'Status' OR Type = 'Set')";
const FIELDS = 'Type,Field,OldValue,NewValue,Created,Creator,ObjectId';

/**
 * Reads what agents do in RT as lifecycle reports on `tickets.lifecycle`: RT's transactions after a
 * cursor kept in PostgreSQL, oldest first. A page's reports are published before the cursor moves
 * past them, so a crash in between publishes them again with the same ids (`rt-<transaction id>`),
 * which the lifecycle service applies once; a restart neither misses nor re-reads anything else.
 */
export const createInboundPoller = (deps: InboundDeps): Component & { pollOnce(): Promise<number> } => {
  const names = cachedNames(deps.rt);

  const pollOnce = async (): Promise<number> => {
    const cursor = await deps.store.rtTickets.cursor(deps.source);
    const page = await deps.rt.get<{ items: RtTransaction[] }>('/transactions', {
      query: `${QUERY} AND id > ${cursor}`,
      orderby: 'id',
      order: 'ASC',
      per_page: PAGE,
      fields: FIELDS,
    });
    if (page.items.length === 0) return 0;
    const tickets = new Map(
      (await deps.store.rtTickets.byRtIds([...new Set(page.items.map((t) => Number(t.ObjectId)))])).map((t) => [String(t.rtId), t]),
    );
    const events: EventOf<typeof Topics.ticketsLifecycle>[] = [];
    const responded: RtTicket[] = [];
    for (const transaction of page.items) {
      const ticket = tickets.get(transaction.ObjectId);
      if (!ticket) continue;
      const report = await reportOf(transaction, ticket, names);
      if (!report) continue;
      if (report.type === 'first_response') {
        tickets.set(transaction.ObjectId, { ...ticket, firstResponded: true });
        responded.push(ticket);
      }
      events.push(
        createEvent(Topics.ticketsLifecycle, { id: report.id, tenantId: ticket.tenantId, key: ticket.ticketId, payload: report }),
      );
    }
    if (events.length) await deps.bus.publish(Topics.ticketsLifecycle, events);
    await deps.store.rtTickets.advance(deps.source, Number(page.items.at(-1)?.id), responded);
    return page.items.length;
  };

  /** A first start reads on from RT's latest transaction: what happened before concerns no Triage ticket. */
  const startCursor = async (): Promise<void> => {
    if ((await deps.store.rtTickets.cursor(deps.source)) > 0) return;
    const latest = await deps.rt.get<{ items: RtTransaction[] }>('/transactions', {
      query: 'id > 0',
      orderby: 'id',
      order: 'DESC',
      per_page: 1,
    });
    await deps.store.rtTickets.advance(deps.source, Number(latest.items[0]?.id ?? 0), []);
  };

  let loop: Promise<void> | undefined;
  const run = async (): Promise<void> => {
    for (let failures = 0; !deps.stop.signal.aborted; ) {
      try {
        const read = await pollOnce();
        failures = 0;
        // A full page means more is waiting: read on at once.
        if (read < PAGE) await sleep(deps.pollIntervalMs, undefined, { signal: deps.stop.signal });
      } catch (error) {
        if (deps.stop.signal.aborted) return;
        failures++;
        deps.logger.error('reading Request Tracker changes failed; trying again', { err: error, failures });
        await deps.rt.backoff(failures).catch(() => undefined);
      }
    }
  };

  return {
    name: 'rt-inbound',
    pollOnce,
    async start() {
      await startCursor();
      loop = run().catch(() => undefined);
    },
    async drain() {
      deps.stop.abort();
      await loop;
    },
  };
};

/** RT names users and queues by id in transactions; names rarely change, so each is asked once. */
const cachedNames = (rt: RtClient): RtNames => {
  const cache = new Map<string, Promise<string>>();
  const lookup = (kind: 'user' | 'queue', id: string): Promise<string> => {
    const key = `${kind}/${id}`;
    let name = cache.get(key);
    if (!name) {
      name = rt.get<{ Name: string }>(`/${key}`).then((r) => r.Name);
      name.catch(() => cache.delete(key));
      cache.set(key, name);
    }
    return name;
  };
  return { user: (id) => lookup('user', id), queue: (id) => lookup('queue', id) };
};
