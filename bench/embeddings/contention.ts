import type { TextEmbedder } from '@triage/embeddings';
import { summarize, type Summary } from '../support/stats.ts';

export interface Contention {
  /** One query at a time, nothing else running. */
  queryAlone: Summary;
  /** One query at a time while a bulk import embeds passages on the same worker threads. */
  queryDuringImport: Summary;
  /** A one-ticket batch, one at a time, while two other callers keep embedding batches of 30 (partitions with a backlog). */
  ticketBesideBatches: Summary;
  /** Those 30-ticket batches, for the cost the one-ticket batches' precedence puts on them. */
  batchBesideTickets: Summary;
}

const timed = async (fn: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await fn();
  return performance.now() - started;
};

/** Repeats `fn` one call at a time until `busy` settles, returning each call's milliseconds. */
const whileBusy = async (busy: Promise<unknown>, fn: (i: number) => Promise<unknown>): Promise<number[]> => {
  let running = true;
  void busy.finally(() => {
    running = false;
  });
  const samples: number[] = [];
  for (let i = 0; running; i++) {
    const ms = await timed(() => fn(i));
    if (running) samples.push(ms);
  }
  await busy;
  return samples;
};

/**
 * How long a short, urgent call waits when other work keeps the worker threads busy: a deflection
 * query during a knowledge-base import (the import in the bulk lane, where the embedder has lanes),
 * and a one-ticket batch of one partition beside two partitions' 30-ticket batches.
 */
export const measureContention = async (embedder: TextEmbedder, short: string[], long: string[]): Promise<Contention> => {
  const queries = short.slice(0, 300);
  const queryAlone: number[] = [];
  for (const q of queries) queryAlone.push(await timed(() => embedder.embedQuery(q)));

  const bulk = embedder.inLane?.('bulk') ?? embedder;
  const imported = (async () => {
    for (let i = 0; i < long.length; i += 16) await bulk.embedDocuments(long.slice(i, i + 16));
  })();
  const queryDuringImport = await whileBusy(imported, (i) => embedder.embedQuery(queries[i % queries.length]!));

  const batchMs: number[] = [];
  let rounds = 40;
  const partition = async (offset: number) => {
    while (rounds-- > 0)
      batchMs.push(await timed(() => embedder.embedDocuments(short.slice(offset + (rounds % 10) * 30, offset + (rounds % 10) * 30 + 30))));
  };
  const backlog = Promise.all([partition(0), partition(300)]);
  const ticketBesideBatches = await whileBusy(backlog, (i) => embedder.embedDocuments([short[600 + (i % 300)]!]));

  return {
    queryAlone: summarize(queryAlone),
    queryDuringImport: summarize(queryDuringImport),
    ticketBesideBatches: summarize(ticketBesideBatches),
    batchBesideTickets: summarize(batchMs),
  };
};
