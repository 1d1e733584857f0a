import { randomBytes } from 'node:crypto';
import { isSpanContextValid, TraceFlags, type SpanContext } from '@opentelemetry/api';

// W3C Trace Context, version 00: `00-<trace id>-<parent span id>-<flags>`. A later version may
// append fields after the flags, which a version-00 reader must ignore.
const TRACEPARENT = /^([\da-f]{2})-([\da-f]{32})-([\da-f]{16})-([\da-f]{2})(-.*)?$/;

/** The remote span context a `traceparent` header names, or undefined when it is malformed. */
export const parseTraceparent = (header: string | undefined): SpanContext | undefined => {
  const match = header === undefined ? null : TRACEPARENT.exec(header.trim());
  if (!match) return undefined;
  const [, version, traceId, spanId, flags, rest] = match as unknown as [string, string, string, string, string, string | undefined];
  if (version === 'ff' || (version === '00' && rest !== undefined)) return undefined;
  const context: SpanContext = { traceId, spanId, traceFlags: parseInt(flags, 16), isRemote: true };
  return isSpanContextValid(context) ? context : undefined;
};

export const formatTraceparent = (context: SpanContext): string =>
  `00-${context.traceId}-${context.spanId}-${(context.traceFlags & 0xff).toString(16).padStart(2, '0')}`;

const randomHex = (bytes: number): string => {
  for (;;) {
    const hex = randomBytes(bytes).toString('hex');
    if (/[^0]/.test(hex)) return hex; // all zeros is the spec's "invalid" id
  }
};

const newSpanId = (): string => randomHex(8);
const newTraceId = (): string => randomHex(16);

/**
 * A child of `parent` in the same trace, or the root of a new trace. A new root is sampled so a
 * downstream SDK with a parent-based sampler records the ticket's whole journey.
 */
export const childSpanContext = (parent: SpanContext | undefined): SpanContext => ({
  traceId: parent?.traceId ?? newTraceId(),
  spanId: newSpanId(),
  traceFlags: parent?.traceFlags ?? TraceFlags.SAMPLED,
});
