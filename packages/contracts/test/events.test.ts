import { describe, expect, it } from 'vitest';
import { ContractViolation, createEvent, parseEvent, Topics, TicketSubmission, validEvent } from '../src/index.ts';

const ticket = {
  id: 't-1',
  tenantId: 'acme',
  receivedAt: '2026-11-23T10:00:00.000Z',
  subject: 'VPN drops',
  body: 'The VPN disconnects every ten minutes.',
  channel: 'email' as const,
  customer: { id: 'c-1', tier: 'pro' as const, vip: false },
  attachments: [],
};

describe('event contracts', () => {
  it('builds a versioned envelope keyed by ticket id', () => {
    const event = createEvent(Topics.ticketsReceived, { tenantId: 'acme', key: ticket.id, payload: { ticket } });
    expect(event).toMatchObject({ type: 'ticket.received', version: 1, tenantId: 'acme', key: 't-1' });
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(parseEvent(Topics.ticketsReceived, JSON.parse(JSON.stringify(event)))).toEqual(event);
  });

  it('rejects a bad payload naming every bad field', () => {
    const bad = { ...ticket, channel: 'fax', customer: { id: 'c', tier: 'gold' } };
    try {
      createEvent(Topics.ticketsReceived, { tenantId: 'acme', key: 't-1', payload: { ticket: bad as never } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ContractViolation);
      const { reason } = error as ContractViolation;
      expect(reason).toContain('payload.ticket.channel');
      expect(reason).toContain('payload.ticket.customer.tier');
    }
  });

  it('validates an event once: a built event passes as itself, anything else is parsed', () => {
    const event = createEvent(Topics.ticketsReceived, { tenantId: 'acme', key: ticket.id, payload: { ticket } });
    expect(validEvent(Topics.ticketsReceived, event)).toBe(event);
    // Parsed for one topic is not valid for another.
    expect(() => validEvent(Topics.ticketsRouted, event)).toThrow(ContractViolation);
    // A copy was never parsed: it is checked, and a bad one is refused.
    const copy = JSON.parse(JSON.stringify(event));
    expect(validEvent(Topics.ticketsReceived, copy)).toEqual(event);
    expect(() => validEvent(Topics.ticketsReceived, { ...copy, payload: { ticket: { ...ticket, channel: 'fax' } } })).toThrow(/payload.ticket.channel/);
  });

  it('rejects an unknown version and a foreign type', () => {
    const event = createEvent(Topics.ticketsReceived, { tenantId: 'acme', key: 't-1', payload: { ticket } });
    expect(() => parseEvent(Topics.ticketsReceived, { ...event, version: 2 })).toThrow(/version/);
    expect(() => parseEvent(Topics.ticketsRouted, event)).toThrow(ContractViolation);
  });

  it('bounds ticket fields so one request cannot carry megabytes', () => {
    const submission = { subject: 's', body: 'x'.repeat(2 * 1024 * 1024), channel: 'api', customer: { id: 'c', tier: 'free' } };
    const result = TicketSubmission.safeParse(submission);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['body']);
  });
});
