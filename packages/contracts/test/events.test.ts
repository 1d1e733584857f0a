import { describe, expect, it } from 'vitest';
import {
  ContractViolation,
  createEvent,
  embeddingValues,
  encodeEmbedding,
  parseEvent,
  Topics,
  TicketSubmission,
  validEvent,
} from '../src/index.ts';

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
    expect(() => validEvent(Topics.ticketsReceived, { ...copy, payload: { ticket: { ...ticket, channel: 'fax' } } })).toThrow(
      /payload.ticket.channel/,
    );
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

describe('the embedding a categorized event carries', () => {
  const categorization = {
    category: 'network',
    kind: 'incident' as const,
    confidence: 0.9,
    abstained: false,
    modelVersion: 'v1',
    alternatives: [],
  };
  const vector = Array.from({ length: 384 }, (_, i) => Math.sin(i) / 20);
  const categorized = (embedding: unknown) => ({
    ...createEvent(Topics.ticketsReceived, { tenantId: 'acme', key: ticket.id, payload: { ticket } }),
    type: 'ticket.categorized',
    payload: { ticket, embedding, categorization },
  });

  it('travels as base64 float32 in a quarter of the bytes, and reads back within float32 rounding', () => {
    const encoded = encodeEmbedding(vector);
    expect(encoded.length).toBeLessThan(JSON.stringify(vector).length / 3);
    const parsed = parseEvent(Topics.ticketsCategorized, JSON.parse(JSON.stringify(categorized(encoded))));
    const values = embeddingValues(parsed.payload.embedding);
    expect(values).toHaveLength(384);
    values.forEach((v, i) => {
      expect(v).toBeCloseTo(vector[i]!, 7);
    });
  });

  it('still reads the JSON array that earlier events carry', () => {
    const parsed = parseEvent(Topics.ticketsCategorized, categorized(vector));
    expect(embeddingValues(parsed.payload.embedding)).toEqual(vector);
  });

  it('refuses what is not whole, finite float32 values', () => {
    const nan = Buffer.alloc(8);
    nan.writeFloatLE(Number.NaN, 4);
    for (const bad of [
      'not base64!',
      Buffer.alloc(6).toString('base64'),
      '',
      nan.toString('base64'),
      Buffer.alloc(4 * 4097).toString('base64'),
    ]) {
      expect(() => parseEvent(Topics.ticketsCategorized, categorized(bad)), bad.slice(0, 20)).toThrow(/payload\.embedding/);
    }
  });
});

describe('the text analysis an assessed event carries', () => {
  const categorization = {
    category: 'network',
    kind: 'incident' as const,
    confidence: 0.9,
    abstained: false,
    modelVersion: 'v1',
    alternatives: [],
  };
  const retrieval = { solutions: [], topScore: 0, confidence: 0, selfServe: false };
  const escalation = {
    priority: 'P3' as const,
    impact: 'medium' as const,
    urgency: 'medium' as const,
    tier: 1,
    queue: 'tier1-service-desk',
    majorIncident: false,
    sentiment: { score: 0, frustrated: false, source: 'lexicon' as const },
    complexity: 0.2,
    sla: { firstResponseDueAt: '2026-11-23T18:00:00.000Z', resolutionDueAt: '2026-11-25T10:00:00.000Z' },
    reasons: [],
  };
  const none = { exceptions: [], stackFrames: [], httpStatuses: [], versions: [], orderIds: [], hostnames: [], urls: [], productAreas: [] };
  const textAnalysis = {
    signals: { outage: [], broadScope: [], urgent: [], repeatContact: false, instructionLike: false, security: [], defect: [], churn: [] },
    entities: { errorCodes: [{ value: 'E1234', start: 10, end: 15 }], ...none },
    language: { code: 'en', confidence: 0.93 },
  };
  const assessed = { ticket, categorization, retrieval, escalation };
  const event = <T extends typeof Topics.ticketsAssessed | typeof Topics.ticketsRouted>(topic: T, payload: unknown) =>
    createEvent(topic, { tenantId: 'acme', key: ticket.id, payload: payload as never });

  it('is optional, so events written before still parse', () => {
    expect(event(Topics.ticketsAssessed, { ...assessed, textAnalysis }).payload.textAnalysis).toEqual(textAnalysis);
    expect(event(Topics.ticketsAssessed, assessed).payload.textAnalysis).toBeUndefined();
  });

  it('is dropped when an escalator from before entity spans wrote it, so the composer reads the text again', () => {
    const before = {
      signals: { outage: [], broadScope: [], urgent: [], repeatContact: false, instructionLike: false },
      entities: { errorCodes: ['E1234'], httpStatuses: [], versions: [], urls: [] },
    };
    expect(event(Topics.ticketsAssessed, { ...assessed, textAnalysis: before }).payload.textAnalysis).toBeUndefined();
  });

  it('is checked strictly', () => {
    const extra = { ...textAnalysis, entities: { ...textAnalysis.entities, ipAddresses: [] } };
    expect(() => event(Topics.ticketsAssessed, { ...assessed, textAnalysis: extra })).toThrow(/payload\.textAnalysis\.entities/);
  });

  it('stays off the routed event helpdesks read', () => {
    const packet = {
      summary: 's',
      evidence: [],
      tried: [],
      hypothesis: 'h',
      openQuestions: [],
      customerSentiment: 'Neutral',
      slaClock: { ...escalation.sla, minutesToFirstResponse: 10 },
      suggestedArticles: [],
    };
    const routed = { ...assessed, queue: escalation.queue, packet };
    expect(event(Topics.ticketsRouted, routed).payload).toEqual(routed);
    expect(() => event(Topics.ticketsRouted, { ...routed, textAnalysis })).toThrow(ContractViolation);
  });
});
