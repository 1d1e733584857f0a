import type { TicketAssessed } from '@triage/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { createChatModel, LlmOutputError } from '../src/chat-model.ts';
import { LlmSummarizer } from '../src/summarizer.ts';
import { redact, startFakeOpenAI, type FakeOpenAI } from './fake-openai.ts';

const assessed: TicketAssessed = {
  ticket: {
    id: 't-1',
    tenantId: 'acme',
    receivedAt: '2025-03-03T09:00:00.000Z',
    subject: 'Invoices go to ops@acme.io',
    body: 'Since Monday our invoices go to ops@acme.io instead of billing@acme.io. I already changed the contact twice.',
    channel: 'email',
    customer: { id: 'cust-981', tier: 'pro', vip: true, name: 'Dana Scully', email: 'dana@acme.io' },
    affectedUsers: 3,
    attachments: [],
    deflection: { deflectionId: 'd-1', question: 'invoice email ops@acme.io', articlesShown: [], comment: 'write to me at dana@acme.io' },
  },
  categorization: { category: 'billing', kind: 'incident', confidence: 0.9, abstained: false, modelVersion: 'v1', alternatives: [] },
  retrieval: { solutions: [], topScore: 0, confidence: 0, selfServe: false },
  escalation: {
    priority: 'P3',
    impact: 'medium',
    urgency: 'medium',
    tier: 1,
    queue: 'tier1-service-desk',
    majorIncident: false,
    sentiment: { score: 0, frustrated: false, source: 'lexicon' },
    complexity: 0.2,
    sla: { firstResponseDueAt: '2025-03-03T17:00:00.000Z', resolutionDueAt: '2025-03-06T09:00:00.000Z' },
    reasons: [],
  },
};

let server: FakeOpenAI | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const summarizerFor = (s: FakeOpenAI) =>
  new LlmSummarizer({ model: createChatModel({ baseURL: s.baseURL, apiKey: 'k', model: 'm', maxRetries: 0 }), redact });

describe('LlmSummarizer', () => {
  it('sends trusted facts and the redacted ticket, never the customer identity', async () => {
    server = await startFakeOpenAI(['{"summary":"Invoices go to the wrong address since Monday."}']);
    await expect(summarizerFor(server).summarize(assessed)).resolves.toBe('Invoices go to the wrong address since Monday.');

    const { messages, response_format } = server.requests[0]!.body;
    const sent = JSON.stringify(messages);
    for (const secret of ['ops@acme.io', 'billing@acme.io', 'dana@acme.io', 'Dana Scully', 'cust-981']) expect(sent).not.toContain(secret);
    expect(messages[0]?.content).toMatch(/untrusted data/);
    expect(messages[1]?.content).toBe(
      [
        'Customer tier: pro (VIP)',
        'Channel: email',
        'Affected users: 3',
        'Category: billing (incident)',
        'Priority: P3',
        '<ticket>',
        'Subject: Invoices go to [EMAIL]',
        'Since Monday our invoices go to [EMAIL] instead of [EMAIL]. I already changed the contact twice.',
        'Searched self-service for: invoice email [EMAIL]',
        'Comment after self-service: write to me at [EMAIL]',
        '</ticket>',
      ].join('\n'),
    );
    expect(response_format.json_schema.schema).toMatchObject({ required: ['summary'] });
  });

  it('rejects an empty summary', async () => {
    server = await startFakeOpenAI(['{"summary":""}', '{"text":"hi"}']);
    await expect(summarizerFor(server).summarize(assessed)).rejects.toBeInstanceOf(LlmOutputError);
    expect(server.requests).toHaveLength(2);
  });
});
