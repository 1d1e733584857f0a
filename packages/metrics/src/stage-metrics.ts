import { Counter, Histogram, type Registry } from 'prom-client';
import { PermanentError, type BatchHandler, type Delivery } from '@triage/bus';
import type { Topic } from '@triage/contracts';
import { registered } from './registered.ts';

export const STAGE_DURATION = 'triage_stage_duration_seconds';
export const STAGE_EVENTS = 'triage_stage_events_total';
export const PIPELINE_LATENCY = 'triage_pipeline_latency_seconds';
export const STAGE_BATCH_EVENTS = 'triage_stage_batch_events';

// Per-event processing is milliseconds (rules) to seconds (an LLM call); the age of a ticket spans
// seconds (embedded) to hours (a backlog after an outage).
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
// One event a call is a stage at a trickle; a backlog fills the bus's largest batch (100 by default).
const BATCH_BUCKETS = [1, 2, 3, 5, 10, 25, 50, 100, 250];
const LATENCY_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 14400];

export type StageOutcome = 'ok' | 'dead_lettered' | 'retried';

export interface StageMetrics {
  /** The same handler, timed and counted under `stage`. Errors are counted and rethrown unchanged. */
  wrap<T extends Topic>(stage: string, handler: BatchHandler<T>): BatchHandler<T>;
}

/**
 * Where a ticket's clock starts: when it was received, so the age at every stage is end to end.
 * Events that carry no ticket (deflections, model updates) fall back to when they occurred.
 */
const originOf = (delivery: Delivery): number => {
  const payload = delivery.event.payload as { ticket?: { receivedAt?: string } };
  return Date.parse(payload.ticket?.receivedAt ?? delivery.event.occurredAt);
};

/**
 * Stage metrics on `registry`, labelled with the `service` that runs the stage. Several services
 * may share one registry (the embedded process): the metrics are registered once and shared.
 */
export const createStageMetrics = (registry: Registry, service: string, now: () => number = Date.now): StageMetrics => {
  const duration = registered(
    registry,
    STAGE_DURATION,
    () =>
      new Histogram({
        name: STAGE_DURATION,
        help: "Processing time per event: a batch's handler time divided among its events",
        labelNames: ['service', 'stage'],
        buckets: DURATION_BUCKETS,
        registers: [registry],
      }),
  );
  const events = registered(
    registry,
    STAGE_EVENTS,
    () =>
      new Counter({
        name: STAGE_EVENTS,
        help: 'Events handled per stage; retried means the attempt failed and the bus retries it (or dead-letters it after the last attempt)',
        labelNames: ['service', 'stage', 'outcome'],
        registers: [registry],
      }),
  );
  const latency = registered(
    registry,
    PIPELINE_LATENCY,
    () =>
      new Histogram({
        name: PIPELINE_LATENCY,
        help: 'Age of the ticket (since it was received) when a stage finishes with it',
        labelNames: ['service', 'stage'],
        buckets: LATENCY_BUCKETS,
        registers: [registry],
      }),
  );
  const batchEvents = registered(
    registry,
    STAGE_BATCH_EVENTS,
    () =>
      new Histogram({
        name: STAGE_BATCH_EVENTS,
        help: "Events per successful handler call: a stage's fixed costs per call (its database transaction, its publish) are shared among them",
        labelNames: ['service', 'stage'],
        buckets: BATCH_BUCKETS,
        registers: [registry],
      }),
  );

  return {
    wrap: (stage, handler) => async (batch) => {
      const labels = { service, stage };
      const started = performance.now();
      try {
        const out = await handler(batch);
        const finished = now();
        const perEvent = (performance.now() - started) / 1000 / Math.max(batch.length, 1);
        for (const delivery of batch) {
          duration.observe(labels, perEvent);
          latency.observe(labels, Math.max(0, (finished - originOf(delivery)) / 1000));
        }
        events.inc({ ...labels, outcome: 'ok' }, batch.length);
        batchEvents.observe(labels, batch.length);
        return out;
      } catch (err) {
        const outcome: StageOutcome = err instanceof PermanentError ? 'dead_lettered' : 'retried';
        events.inc({ ...labels, outcome }, batch.length);
        throw err;
      }
    },
  };
};

/** The Prometheus text exposition of `registry`, for `/metrics`. */
export const metricsText = (registry: Registry): Promise<string> => registry.metrics();
