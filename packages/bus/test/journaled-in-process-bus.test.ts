import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createEvent, Topics } from '@triage/contracts';
import { createBusJournal, createPgliteStore, type Store } from '@triage/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BatchHandler, type Bus, type BusJournal, type BusLogger, createInProcessBus, type Delivery } from '../src/index.ts';
import { describeBusConformance } from './conformance.ts';

const input = Topics.modelsUpdated;
const output = Topics.deflectionsRecorded;

let memoryStore: Store;
beforeAll(async () => {
  memoryStore = await createPgliteStore({ embeddingDim: 3 });
});
afterAll(() => memoryStore?.close());

describeBusConformance('journaled in-process', () => ({
  open: (options) => createInProcessBus({ ...options, journal: createBusJournal(memoryStore.sql) }),
  cleanup: async () => {
    await memoryStore.sql.query('DELETE FROM bus_messages; DELETE FROM bus_offsets');
  },
}));

const quiet: BusLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

const event = (key: string, version: string) => createEvent(input, { tenantId: 'acme', key, payload: { model: 'kb', version } });

/** Records what it is handed and, with `outputs`, publishes one output per event. */
const recording =
  (into: string[], outputs = true): BatchHandler<typeof input> =>
  async (batch: Delivery<typeof input>[]) => {
    into.push(...batch.map((d) => d.event.payload.version));
    if (!outputs) return [];
    return batch.map((d) => ({
      topic: output,
      event: createEvent(output, {
        tenantId: d.event.tenantId,
        key: d.event.key,
        payload: { deflectionId: d.event.id, question: 'q', solutions: [], deflectable: false, confidence: 0.5, outcome: 'shown' },
      }),
    }));
  };

const until = async (what: string, condition: () => boolean | Promise<boolean>) => {
  const deadline = Date.now() + 20_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
};

const outputIds = async (bus: Bus) => (await bus.read(output)).map((m) => JSON.parse(m.value!.toString()).payload.deflectionId as string);

describe('the in-process bus on a journal', () => {
  it('reopened on the same PGlite folder, keeps every message and resumes each group from its committed offset', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'triage-bus-journal-'));
    try {
      const first = await createPgliteStore({ dataDir, embeddingDim: 3 });
      const before = createInProcessBus({ logger: quiet, journal: createBusJournal(first.sql) });
      const events = Array.from({ length: 8 }, (_, i) => event(`k${i % 3}`, String(i)));
      const seenA: string[] = [];
      const seenB: string[] = [];
      await before.subscribe({ topic: input, group: 'a', handler: recording(seenA), maxBatchSize: 2 });
      const b = await before.subscribe({ topic: input, group: 'b', handler: recording(seenB, false), maxBatchSize: 2 });
      await before.publish(input, events.slice(0, 4));
      await until('b to take the first four', () => seenB.length >= 4);
      await b.stop();
      await before.publish(input, events.slice(4));
      await until("a's eight outputs", async () => (await outputIds(before)).length >= 8);
      const written = await before.read(input);
      const late = event('k0', 'late');
      await before.close();
      await first.close();

      const second = await createPgliteStore({ dataDir, embeddingDim: 3 });
      const after = createInProcessBus({ logger: quiet, journal: createBusJournal(second.sql) });
      try {
        expect(await after.read(input)).toEqual(written);
        const resumedA: string[] = [];
        const resumedB: string[] = [];
        await after.subscribe({ topic: input, group: 'a', handler: recording(resumedA) });
        await after.subscribe({ topic: input, group: 'b', handler: recording(resumedB, false) });
        await after.publish(input, [late]);
        await until('both groups to take the late event', () => resumedA.includes('late') && resumedB.includes('late'));
        await until('nine outputs', async () => (await outputIds(after)).length >= 9);
        // A moment for anything a group wrongly replays to show up.
        await sleep(200);

        expect(resumedA).toEqual(['late']);
        expect(resumedB.sort()).toEqual(['4', '5', '6', '7', 'late']);
        expect(seenA.sort()).toEqual(events.map((e) => e.payload.version).sort());
        expect(seenB.sort()).toEqual(['0', '1', '2', '3']);
        expect((await outputIds(after)).sort()).toEqual([...events, late].map((e) => e.id).sort());
      } finally {
        await after.close();
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('processes a batch again when its commit was refused, and publishes its outputs once', async () => {
    let refuse = true;
    const journal: BusJournal = {
      load: async () => ({ messages: [], offsets: [] }),
      write: async (_messages, offset) => {
        if (offset && refuse) {
          refuse = false;
          throw new Error('disk full');
        }
      },
    };
    const errors: string[] = [];
    const bus = createInProcessBus({ logger: { ...quiet, error: (msg) => errors.push(msg) }, journal });
    try {
      const seen: string[] = [];
      await bus.subscribe({ topic: input, group: 'a', handler: recording(seen) });
      const published = event('k', '1');
      await bus.publish(input, [published]);
      await until('the output', async () => (await outputIds(bus)).length >= 1);
      expect(seen).toEqual(['1', '1']);
      expect(await outputIds(bus)).toEqual([published.id]);
      expect(errors).toEqual(['commit failed; the batch will be processed again']);
    } finally {
      await bus.close();
    }
  });

  it('rejects a publish the journal refused and shows none of it', async () => {
    const journal: BusJournal = {
      load: async () => ({ messages: [], offsets: [] }),
      write: () => Promise.reject(new Error('disk full')),
    };
    const bus = createInProcessBus({ logger: quiet, journal });
    try {
      await expect(bus.publish(input, [event('k', '1')])).rejects.toThrow('disk full');
      expect(await bus.read(input)).toEqual([]);
    } finally {
      await bus.close();
    }
  });
});
