import { ROOT_CONTEXT, SpanKind, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import type { Envelope } from '@triage/contracts';
import { childSpanContext, formatTraceparent, parseTraceparent } from './traceparent.ts';

/** The `traceparent` an outgoing event carries: a new span in the consumed event's trace. */
export const traceparentFor = (event: Pick<Envelope, 'traceparent'>): string =>
  formatTraceparent(childSpanContext(parseTraceparent(event.traceparent)));

export interface StageSpan {
  span: Span;
  /** The context to run the stage's work in, so spans it starts become children of `span`. */
  context: Context;
  /** Put this on every event the stage emits for the consumed one. */
  traceparent: string;
}

/**
 * Starts the span of one stage handling one event, as a child of the span that emitted it. With
 * no OpenTelemetry SDK registered the tracer is a no-op that would echo the parent's span id;
 * then a fresh span id is made here, so the trace id still follows the ticket across services
 * and every hop keeps its own span id. The caller ends the span.
 */
export const startStageSpan = (
  tracer: Tracer,
  stage: string,
  event: Pick<Envelope, 'traceparent' | 'key' | 'tenantId' | 'type'>,
): StageSpan => {
  const parent = parseTraceparent(event.traceparent);
  const parentContext = parent ? trace.setSpanContext(ROOT_CONTEXT, parent) : ROOT_CONTEXT;
  const started = tracer.startSpan(
    stage,
    {
      kind: SpanKind.CONSUMER,
      attributes: { 'triage.stage': stage, 'triage.tenant': event.tenantId, 'triage.key': event.key, 'messaging.message.type': event.type },
    },
    parentContext,
  );
  const own = started.spanContext();
  const recorded = trace.isSpanContextValid(own) && own.spanId !== parent?.spanId;
  const span = recorded ? started : trace.wrapSpanContext(childSpanContext(parent));
  return { span, context: trace.setSpan(parentContext, span), traceparent: formatTraceparent(span.spanContext()) };
};
