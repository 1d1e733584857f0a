import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import type { Store } from '../src/index.ts';
import { describeCustomers } from './suite/customers.ts';
import { describeDeflections } from './suite/deflections.ts';
import { describeEscalation } from './suite/escalation.ts';
import { describeExamples } from './suite/examples.ts';
import { DIM, type StoreContext } from './suite/fixtures.ts';
import { describeIsolation } from './suite/isolation.ts';
import { describeKnowledgeBase } from './suite/knowledge-base.ts';
import { describeKnowledgeLoop } from './suite/knowledge-loop.ts';
import { describeLifecycle } from './suite/lifecycle.ts';
import { describeMigrations } from './suite/migrations.ts';
import { describeOneTrip } from './suite/one-trip.ts';
import { describeOutbox } from './suite/outbox.ts';
import { describeProblems } from './suite/problems.ts';
import { describeTenants } from './suite/tenants.ts';
import { describeTicketHistory } from './suite/ticket-history.ts';
import { describeTickets } from './suite/tickets.ts';

/** A database that can be opened (again) by a store. */
export interface TestDatabase {
  open(embeddingDim: number): Promise<Store>;
  drop(): Promise<void>;
}

export interface StoreTarget {
  name: string;
  /** A new, empty database. */
  createDatabase(): Promise<TestDatabase>;
}

export const describeStore = (target: StoreTarget): void => {
  describe(`store on ${target.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    const context: StoreContext = {
      get store() {
        return store;
      },
      reopen: async (embeddingDim) => {
        store = await database.open(embeddingDim);
      },
      newTenant: async () => {
        const id = `t-${randomUUID()}`;
        await store.tenants.ensure(id);
        return id;
      },
    };

    beforeAll(async () => {
      database = await target.createDatabase();
      store = await database.open(DIM);
    });
    afterAll(async () => {
      await store?.close();
      await database?.drop();
    });

    describeMigrations(context);
    describeTenants(context);
    describeCustomers(context);
    describeTickets(context);
    describeOutbox(context);
    describeKnowledgeBase(context);
    describeIsolation(context);
    describeExamples(context);
    describeDeflections(context);
    describeEscalation(context);
    describeLifecycle(context);
    describeKnowledgeLoop(context);
    describeTicketHistory(context);
    describeProblems(context);
    describeOneTrip(context);
  });
};
