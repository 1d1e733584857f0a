import { trace, TraceFlags, type Span, type SpanContext, type Tracer } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { formatTraceparent, parseTraceparent, startStageSpan, traceparentFor } from '../src/index.ts';

const PARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const ids = (traceparent: string) => {
  const [, traceId, spanId, flags] = traceparent.split('-');
  return { traceId, spanId, flags };
};
const event = (traceparent?: string) => ({
  tenantId: 'acme',
  key: 't-1',
  type: 'ticket.received',
  ...(traceparent ? { traceparent } : {}),
});

describe('traceparent', () => {
  it('round-trips a valid header', () => {
    const context = parseTraceparent(PARENT);
    expect(context).toEqual({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: TraceFlags.SAMPLED,
      isRemote: true,
    });
    expect(formatTraceparent(context!)).toBe(PARENT);
  });

  it('rejects what W3C Trace Context calls invalid', () => {
    expect(parseTraceparent(undefined)).toBeUndefined();
    expect(parseTraceparent('garbage')).toBeUndefined();
    expect(parseTraceparent('00-00000000000000000000000000000000-b7ad6b7169203331-01')).toBeUndefined();
    expect(parseTraceparent('00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01')).toBeUndefined();
    expect(parseTraceparent('ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01')).toBeUndefined();
    expect(parseTraceparent(`${PARENT}-extra`)).toBeUndefined();
  });

  it('accepts a later version with extra fields, reading only what version 00 defines', () => {
    expect(parseTraceparent('01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00-whatever')?.traceFlags).toBe(TraceFlags.NONE);
  });
});

describe('trace context across stages', () => {
  it('keeps one trace id over three hops with no SDK installed, each hop a new span', () => {
    const tracer = trace.getTracer('test'); // the API's no-op tracer
    const received = traceparentFor(event());
    const categorized = startStageSpan(tracer, 'categorize', event(received)).traceparent;
    const retrieved = startStageSpan(tracer, 'retrieve', event(categorized)).traceparent;
    const assessed = traceparentFor(event(retrieved));

    const hops = [received, categorized, retrieved, assessed].map(ids);
    expect(new Set(hops.map((h) => h.traceId)).size).toBe(1);
    expect(new Set(hops.map((h) => h.spanId)).size).toBe(4);
    expect(hops.every((h) => h.flags === '01')).toBe(true);
    for (const header of [received, categorized, retrieved, assessed]) expect(parseTraceparent(header)).toBeDefined();
  });

  it("continues the sender's trace and keeps its sampling decision", () => {
    const unsampled = PARENT.replace(/-01$/, '-00');
    const child = startStageSpan(trace.getTracer('test'), 'assess', event(unsampled));
    expect(ids(child.traceparent)).toMatchObject({ traceId: ids(PARENT).traceId, flags: '00' });
    expect(ids(child.traceparent).spanId).not.toBe(ids(PARENT).spanId);
    expect(trace.getSpan(child.context)).toBe(child.span);
  });

  it('starts a new trace when the event carries none, or a malformed one', () => {
    const a = ids(traceparentFor(event()));
    const b = ids(traceparentFor(event('not-a-traceparent')));
    expect(a.traceId).toMatch(/^[\da-f]{32}$/);
    expect(a.traceId).not.toBe(b.traceId);
  });

  it("uses the span a real SDK tracer starts, as a child of the event's span", () => {
    const started: { name: string; parent: SpanContext | undefined }[] = [];
    const sdkSpan: SpanContext = { traceId: ids(PARENT).traceId!, spanId: '1111111111111111', traceFlags: TraceFlags.SAMPLED };
    const recordingTracer = {
      startSpan: (name, _options, ctx) => {
        started.push({ name, parent: ctx ? trace.getSpanContext(ctx) : undefined });
        return trace.wrapSpanContext(sdkSpan);
      },
    } as Pick<Tracer, 'startSpan'> as Tracer;

    const stage = startStageSpan(recordingTracer, 'route', event(PARENT));
    expect(started).toEqual([{ name: 'route', parent: parseTraceparent(PARENT) }]);
    expect(stage.traceparent).toBe(`00-${ids(PARENT).traceId}-1111111111111111-01`);
    expect((stage.span as Span).spanContext()).toBe(sdkSpan);
  });
});
