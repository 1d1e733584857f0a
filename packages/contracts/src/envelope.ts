import { z } from 'zod';

/**
 * Every event travels in the same versioned envelope. `key` is the partition key (the ticket id
 * for ticket events) so one ticket's events stay ordered on one partition.
 */
export const envelopeOf = <P extends z.ZodType>(type: string, version: number, payload: P) =>
  z.strictObject({
    id: z.string().min(1),
    type: z.literal(type),
    version: z.literal(version),
    tenantId: z.string().min(1),
    key: z.string().min(1),
    occurredAt: z.iso.datetime(),
    traceparent: z
      .string()
      .regex(/^[\da-f]{2}-[\da-f]{32}-[\da-f]{16}-[\da-f]{2}$/)
      .optional(),
    payload,
  });

export interface Envelope<P = unknown> {
  id: string;
  type: string;
  version: number;
  tenantId: string;
  key: string;
  occurredAt: string;
  traceparent?: string | undefined;
  payload: P;
}
