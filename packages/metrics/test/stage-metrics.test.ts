import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { PermanentError, type Delivery } from '@triage/bus';
import { Topics, type Topic } from '@triage/contracts';
import { createStageMetrics } from '../src/index.ts';
import { deflectionEvent, routedEvent } from '../src/testing/events.ts';
import { family, histogramSeries, scrape, sampleValue } from './scrape.ts';

const NOW = Date.parse('2025-03-03T10:00:00.000Z');

const delivery = <T extends Topic>(topic: T, event: Delivery<T>['event'], offset = 0): Delivery<T> =>
  ({ topic, partition: 0, offset: String(offset), headers: {}, event }) as Delivery<T>;

const routedBatch = (size: number, ageMs: number) =>
  Array.from({ length: size }, (_, i) => delivery(Topics.ticketsRouted, routedEvent({ ticketId: `t${i}`, receivedAt: NOW - ageMs }), i));

describe('stage metrics', () => {
  it('times and counts a successful batch, per event, and passes its output through', async () => {
    const registry = new Registry();
    const stage = createStageMetrics(registry, 'handoff-composer', () => NOW);
    const out = [{ topic: Topics.modelsUpdated, event: {} as never }];
    const handler = stage.wrap('compose', async () => out);

    expect(await handler(routedBatch(3, 10_000))).toBe(out);

    const families = await scrape(registry);
    const labels = { service: 'handoff-composer', stage: 'compose' };
    expect(sampleValue(families, 'triage_stage_events_total', { ...labels, outcome: 'ok' })).toBe(3);
    expect(family(families, 'triage_stage_duration_seconds').type).toBe('HISTOGRAM');
    expect((await histogramSeries(registry, 'triage_stage_duration_seconds', labels)).count).toBe('3');

    // Each ticket was received 10 s before the stage finished.
    const latency = await histogramSeries(registry, 'triage_pipeline_latency_seconds', labels);
    expect(latency).toMatchObject({ count: '3', sum: '30' });
    expect(latency.buckets).toMatchObject({ '5': '0', '10': '3', '+Inf': '3' });
  });

  it('counts the events of each handler call, so a stage shows how much its fixed costs are shared', async () => {
    const registry = new Registry();
    const handler = createStageMetrics(registry, 'escalator', () => NOW).wrap('assess', async () => []);
    await handler(routedBatch(1, 0));
    await handler(routedBatch(4, 0));
    await handler(routedBatch(1, 0));

    const calls = await histogramSeries(registry, 'triage_stage_batch_events', { service: 'escalator', stage: 'assess' });
    expect(calls).toMatchObject({ count: '3', sum: '6' });
    expect(calls.buckets).toMatchObject({ '1': '2', '3': '2', '5': '3' });
  });

  it('counts a permanent failure as dead-lettered and any other as retried, rethrowing both', async () => {
    const registry = new Registry();
    const stage = createStageMetrics(registry, 'categorizer', () => NOW);
    const permanent = new PermanentError('not a ticket');
    const transient = new Error('model server unavailable');

    await expect(
      stage.wrap('categorize', async () => {
        throw permanent;
      })(routedBatch(2, 0)),
    ).rejects.toBe(permanent);
    await expect(
      stage.wrap('categorize', async () => {
        throw transient;
      })(routedBatch(3, 0)),
    ).rejects.toBe(transient);

    const families = await scrape(registry);
    const labels = { service: 'categorizer', stage: 'categorize' };
    expect(sampleValue(families, 'triage_stage_events_total', { ...labels, outcome: 'dead_lettered' })).toBe(2);
    expect(sampleValue(families, 'triage_stage_events_total', { ...labels, outcome: 'retried' })).toBe(3);
    expect(family(families, 'triage_stage_events_total').metrics).toHaveLength(2);
  });

  it('lets several services share one registry, told apart by the service label', async () => {
    const registry = new Registry();
    await createStageMetrics(registry, 'categorizer').wrap('categorize', async () => [])(routedBatch(1, 0));
    await createStageMetrics(registry, 'escalator').wrap('assess', async () => [])(routedBatch(2, 0));

    const families = await scrape(registry);
    expect(sampleValue(families, 'triage_stage_events_total', { service: 'categorizer', stage: 'categorize', outcome: 'ok' })).toBe(1);
    expect(sampleValue(families, 'triage_stage_events_total', { service: 'escalator', stage: 'assess', outcome: 'ok' })).toBe(2);
  });

  it('ages an event without a ticket from when it occurred', async () => {
    const registry = new Registry();
    const stage = createStageMetrics(registry, 'intake', () => NOW);
    const deflection = deflectionEvent({ deflectionId: 'd1', outcome: 'resolved', at: NOW - 2_000 });
    await stage.wrap('record-deflection', async () => [])([delivery(Topics.deflectionsRecorded, deflection)]);

    expect(
      (await histogramSeries(registry, 'triage_pipeline_latency_seconds', { service: 'intake', stage: 'record-deflection' })).sum,
    ).toBe('2');
  });
});
