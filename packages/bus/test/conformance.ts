import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ContractViolation, createEvent, deadLetterTopic, Topics, type EventOf } from '@triage/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DlqHeaders,
  PermanentError,
  type BatchHandler,
  type Bus,
  type BusLogger,
  type Delivery,
  type Outgoing,
  type RetryPolicy,
  type Subscription,
} from '../src/index.ts';

/** Opens a bus for one test; `cleanup` removes whatever the test left on the transport. */
export interface BusFixture {
  open(options: { retry: Partial<RetryPolicy>; logger: BusLogger }): Bus;
  cleanup(): Promise<void>;
}

const input = Topics.modelsUpdated;
const output = Topics.deflectionsRecorded;
type Input = EventOf<typeof input>;

const fastRetry: Partial<RetryPolicy> = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 };

/** Retries and dead letters are expected here; only errors are worth printing. */
const quietLogger: BusLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (msg, fields) => console.error(msg, fields),
};

const event = (key: string, version: string, extra: { traceparent?: string } = {}): Input =>
  createEvent(input, { tenantId: 'tenant-1', key, payload: { model: 'categorizer', version }, ...extra });

const outputFor = (delivery: Delivery<typeof input>): Outgoing => ({
  topic: output,
  event: createEvent(output, {
    tenantId: delivery.event.tenantId,
    key: delivery.event.key,
    payload: { deflectionId: delivery.event.id, question: 'q', solutions: [], deflectable: false, confidence: 0.5, outcome: 'shown' },
  }),
});

const waitFor = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
};

/** The same behaviour, asserted against any transport. */
export const describeBusConformance = (name: string, fixture: () => BusFixture): void => {
  describe(`${name} bus`, () => {
    let current: { fixture: BusFixture; bus: Bus } | undefined;
    const open = (): Bus => {
      const f = fixture();
      const bus = f.open({ retry: fastRetry, logger: quietLogger });
      current = { fixture: f, bus };
      return bus;
    };
    afterEach(async () => {
      await current?.bus.close();
      await current?.fixture.cleanup();
      current = undefined;
    });

    const group = () => `g-${randomUUID().slice(0, 8)}`;
    const collect =
      (into: Delivery<typeof input>[], produce = false): BatchHandler<typeof input> =>
      async (batch) => {
        into.push(...batch);
        return produce ? batch.map(outputFor) : [];
      };
    const outputs = async (bus: Bus) => (await bus.read(output)).map((m) => JSON.parse(m.value!.toString()).payload.deflectionId as string);

    it('delivers published events to a consumer group, with their headers', async () => {
      const bus = open();
      const seen: Delivery<typeof input>[] = [];
      await bus.subscribe({ topic: input, group: group(), handler: collect(seen) });
      const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
      const events = [event('k0', '0', { traceparent }), ...Array.from({ length: 11 }, (_, i) => event(`k${i % 6}`, String(i + 1)))];
      await bus.publish(input, events);

      await waitFor('12 deliveries', () => seen.length >= 12);
      expect(seen.map((d) => d.event.id).sort()).toEqual(events.map((e) => e.id).sort());
      const traced = seen.find((d) => d.event.id === events[0]!.id)!;
      expect(traced.topic).toBe(input);
      expect(traced.event).toEqual(events[0]);
      expect(traced.headers).toMatchObject({ 'content-type': 'application/json', traceparent });
    });

    it("keeps each key's events in order while spreading keys over partitions", async () => {
      const bus = open();
      const seen: Delivery<typeof input>[] = [];
      await bus.subscribe({ topic: input, group: group(), handler: collect(seen), maxBatchSize: 5 });
      const keys = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'];
      for (let round = 0; round < 3; round += 1) {
        await bus.publish(
          input,
          Array.from({ length: 20 }, (_, i) => event(keys[i % keys.length]!, String(round * 20 + i))),
        );
      }

      await waitFor('60 deliveries', () => seen.length >= 60);
      for (const key of keys) {
        const versions = seen.filter((d) => d.event.key === key).map((d) => Number(d.event.payload.version));
        expect(versions).toEqual([...versions].sort((a, b) => a - b));
        expect(new Set(seen.filter((d) => d.event.key === key).map((d) => d.partition)).size).toBe(1);
      }
      expect(new Set(seen.map((d) => d.partition)).size).toBeGreaterThan(1);
      expect(seen).toHaveLength(60);
    });

    it('gives every consumer group all the events', async () => {
      const bus = open();
      const first: Delivery<typeof input>[] = [];
      const second: Delivery<typeof input>[] = [];
      await bus.subscribe({ topic: input, group: group(), handler: collect(first) });
      await bus.subscribe({ topic: input, group: group(), handler: collect(second) });
      await bus.publish(
        input,
        Array.from({ length: 10 }, (_, i) => event(`k${i}`, String(i))),
      );

      await waitFor('10 deliveries to each group', () => first.length >= 10 && second.length >= 10);
      expect(new Set(first.map((d) => d.event.id))).toEqual(new Set(second.map((d) => d.event.id)));
      expect(first).toHaveLength(10);
      expect(second).toHaveLength(10);
    });

    it('starts a new group that asks for the latest after what was published before it joined; a committed position still resumes', async () => {
      const bus = open();
      const live = group();
      await bus.publish(input, [event('k0', 'before')]);
      const first: Delivery<typeof input>[] = [];
      const subscription = await bus.subscribe({ topic: input, group: live, startAt: 'latest', handler: collect(first) });
      await bus.publish(input, [event('k0', 'after')]);
      await waitFor('the event published after joining', () => first.length >= 1);
      await subscription.stop();

      await bus.publish(input, [event('k0', 'while stopped')]);
      const resumed: Delivery<typeof input>[] = [];
      await bus.subscribe({ topic: input, group: live, startAt: 'latest', handler: collect(resumed) });
      await waitFor('the event published while stopped', () => resumed.length >= 1);
      // Anything left of the history would have come in the same fetch.
      await sleep(500);
      expect(first.map((d) => d.event.payload.version)).toEqual(['after']);
      expect(resumed.map((d) => d.event.payload.version)).toEqual(['while stopped']);
    });

    it('rejects an invalid event at publish, naming the field, and publishes none of the batch', async () => {
      const bus = open();
      const invalid = { ...event('k', '1'), payload: { model: 'categorizer' } } as unknown as Input;

      const rejected = bus.publish(input, [event('k', '0'), invalid]);
      await expect(rejected).rejects.toBeInstanceOf(ContractViolation);
      await expect(rejected).rejects.toThrow(/events\[1\]: payload\.version/);
      await expect(bus.publish(input, [invalid])).rejects.toThrow(`event on ${input} violates its contract: payload.version`);
      expect(await bus.read(input)).toEqual([]);
    });

    it('dead-letters undecodable and invalid messages with a reason, and still handles the good ones around them', async () => {
      const bus = open();
      const stage = group();
      const seen: Delivery<typeof input>[] = [];
      const good = [event('same', '1'), event('same', '2')];
      const nextVersion = { ...event('same', '3'), version: 2 };
      const bad = [
        Buffer.from('{"not json'),
        Buffer.from(JSON.stringify({ hello: 'world' })),
        Buffer.from(JSON.stringify(nextVersion)),
        null,
      ];
      await bus.publishRaw(input, [
        { key: 'same', value: JSON.stringify(good[0]), headers: { origin: 'test' } },
        ...bad.map((value) => ({ key: 'same', value, headers: { origin: 'test' } })),
        { key: 'same', value: JSON.stringify(good[1]) },
      ]);
      await bus.subscribe({ topic: input, group: stage, handler: collect(seen) });

      await waitFor('the good events', () => seen.length >= 2);
      await waitFor('4 dead letters', async () => (await bus.read(deadLetterTopic(stage))).length >= 4);
      expect(seen.map((d) => d.event.id)).toEqual(good.map((e) => e.id));
      const dead = await bus.read(deadLetterTopic(stage));
      expect(dead.map((m) => m.value)).toEqual(bad);
      expect(dead.map((m) => m.headers[DlqHeaders.reason])).toEqual([
        expect.stringMatching(/^undecodable JSON: /),
        expect.stringMatching(/^contract violation: .*id/),
        expect.stringMatching(/^contract violation: version: /),
        'empty message: no value',
      ]);
      for (const m of dead) {
        expect(m.key).toBe('same');
        expect(m.headers).toMatchObject({
          origin: 'test',
          [DlqHeaders.stage]: stage,
          [DlqHeaders.attempts]: '0',
          [DlqHeaders.sourceTopic]: input,
        });
        expect(new Date(m.headers[DlqHeaders.failedAt]!).getTime()).toBeGreaterThan(Date.now() - 60_000);
      }
      // Each letter names where its message sat, so a replay can say which delivery it redoes.
      const sent = await bus.read(input);
      for (const m of dead) {
        const at = sent.find(
          (s) => String(s.partition) === m.headers[DlqHeaders.sourcePartition] && s.offset === m.headers[DlqHeaders.sourceOffset],
        );
        expect(at?.value).toEqual(m.value);
      }
    });

    it('isolates a PermanentError: only the failing event is dead-lettered, the others publish once', async () => {
      const bus = open();
      const stage = group();
      const batchSizes: number[] = [];
      await bus.subscribe({
        topic: input,
        group: stage,
        handler: async (batch) => {
          batchSizes.push(batch.length);
          if (batch.some((d) => d.event.payload.version === 'poison')) throw new PermanentError('poison pill');
          return batch.map(outputFor);
        },
      });
      const events = ['1', '2', 'poison', '3', '4'].map((v) => event('same', v));
      await bus.publish(input, events);

      await waitFor('1 dead letter', async () => (await bus.read(deadLetterTopic(stage))).length >= 1);
      await waitFor('4 outputs', async () => (await outputs(bus)).length >= 4);
      const dead = await bus.read(deadLetterTopic(stage));
      expect(dead).toHaveLength(1);
      expect(JSON.parse(dead[0]!.value!.toString()).id).toBe(events[2]!.id);
      expect(dead[0]!.headers[DlqHeaders.reason]).toBe('PermanentError: poison pill');
      expect((await outputs(bus)).sort()).toEqual(
        events
          .filter((_, i) => i !== 2)
          .map((e) => e.id)
          .sort(),
      );
      expect(batchSizes.filter((n) => n === 1).length).toBeGreaterThanOrEqual(1);
    });

    it('dead-letters an event whose output violates its contract', async () => {
      const bus = open();
      const stage = group();
      await bus.subscribe({
        topic: input,
        group: stage,
        handler: async (batch) =>
          batch.map((d) => {
            const out = outputFor(d);
            return d.event.payload.version === 'bad-output'
              ? ({ ...out, event: { ...out.event, payload: { confidence: 7 } } } as unknown as Outgoing)
              : out;
          }),
      });
      const events = [event('same', 'ok'), event('same', 'bad-output')];
      await bus.publish(input, events);

      await waitFor('1 dead letter', async () => (await bus.read(deadLetterTopic(stage))).length >= 1);
      const [dead] = await bus.read(deadLetterTopic(stage));
      expect(JSON.parse(dead!.value!.toString()).id).toBe(events[1]!.id);
      expect(dead!.headers[DlqHeaders.reason]).toMatch(new RegExp(`^ContractViolation: event on ${output} violates its contract: `));
      expect(await outputs(bus)).toEqual([events[0]!.id]);
    });

    it('retries a transient failure with backoff, then publishes the outputs once', async () => {
      const bus = open();
      const stage = group();
      let calls = 0;
      await bus.subscribe({
        topic: input,
        group: stage,
        handler: async (batch) => {
          calls += 1;
          if (calls <= 2) throw new Error('database unavailable');
          return batch.map(outputFor);
        },
      });
      const events = [event('same', '1')];
      await bus.publish(input, events);

      await waitFor('the output', async () => (await outputs(bus)).length >= 1);
      expect(calls).toBe(3);
      expect(await outputs(bus)).toEqual([events[0]!.id]);
      expect(await bus.read(deadLetterTopic(stage))).toEqual([]);
    });

    it('dead-letters events still failing after the last attempt, with the attempt count', async () => {
      const bus = open();
      const stage = group();
      await bus.subscribe({
        topic: input,
        group: stage,
        handler: async () => {
          throw new Error('still down');
        },
      });
      await bus.publish(input, [event('same', '1')]);

      await waitFor('1 dead letter', async () => (await bus.read(deadLetterTopic(stage))).length >= 1);
      const [dead] = await bus.read(deadLetterTopic(stage));
      expect(dead!.headers).toMatchObject({ [DlqHeaders.reason]: 'Error: still down', [DlqHeaders.attempts]: String(fastRetry.attempts) });
    });

    it('commits outputs with offsets: a restarted consumer gets nothing twice and no output is duplicated', async () => {
      const bus = open();
      const stage = group();
      const before: Delivery<typeof input>[] = [];
      const first = await bus.subscribe({ topic: input, group: stage, handler: collect(before, true), maxBatchSize: 3 });
      const events = Array.from({ length: 10 }, (_, i) => event(`k${i % 4}`, String(i)));
      await bus.publish(input, events);
      await waitFor('10 deliveries', () => before.length >= 10);
      await first.stop();

      const after: Delivery<typeof input>[] = [];
      await bus.subscribe({ topic: input, group: stage, handler: collect(after, true) });
      const late = event('late', '10');
      await bus.publish(input, [late]);
      await waitFor('the late event', () => after.length >= 1);
      await waitFor('11 outputs', async () => (await outputs(bus)).length >= 11);

      expect(before).toHaveLength(10);
      expect(after.map((d) => d.event.id)).toEqual([late.id]);
      expect((await outputs(bus)).sort()).toEqual([...events, late].map((e) => e.id).sort());
    });

    it('stop lets the in-flight batch finish and commits it', async () => {
      const bus = open();
      const stage = group();
      let entered = false;
      let finished = false;
      const subscription: Subscription = await bus.subscribe({
        topic: input,
        group: stage,
        handler: async (batch) => {
          entered = true;
          await sleep(500);
          finished = true;
          return batch.map(outputFor);
        },
      });
      const events = [event('same', '1'), event('same', '2')];
      await bus.publish(input, events);
      await waitFor('the handler to start', () => entered);
      await subscription.stop();
      expect(finished).toBe(true);

      const again: Delivery<typeof input>[] = [];
      await bus.subscribe({ topic: input, group: stage, handler: collect(again) });
      const late = event('late', '3');
      await bus.publish(input, [late]);
      await waitFor('the late event', () => again.length >= 1);
      expect(again.map((d) => d.event.id)).toEqual([late.id]);
      expect((await outputs(bus)).sort()).toEqual(events.map((e) => e.id).sort());
    });
  });
};
