// The knowledge loop with a hosted model configured: a local server speaking the OpenAI chat API
// writes the gap group's draft article, and sees the tickets only with personal data redacted.
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessBus } from '@triage/bus';
import { composeKnowledgeLoop, KnowledgeLoopConfig } from '@triage/knowledge-loop';
import { composeProcess, createLogger, type Lifecycle } from '@triage/runtime';
import { createPgliteStore, type KnowledgeGapGroup, type Store } from '@triage/store';
import { startFakeOpenAI, type FakeOpenAI } from '../packages/llm/test/fake-openai.ts';
import { publishResolution, retrievedTicket } from '../services/knowledge-loop/test/fixtures.ts';
import { waitFor } from './harness/wait.ts';

const TENANT = 'acme';
const MODEL_DRAFT = { title: 'Why is my exported invoice PDF blank?', body: '1. Open Billing.\n2. Choose Regenerate PDF.' };

let store: Store;
let lifecycle: Lifecycle;
let fake: FakeOpenAI;
const bus = createInProcessBus({ logger: createLogger({ service: 'bus-test', level: 'error' }) });

beforeAll(async () => {
  // The first draft comes back malformed twice (the extractive one stays), the second is good.
  fake = await startFakeOpenAI(['not json', 'still not json', JSON.stringify(MODEL_DRAFT)]);
  store = await createPgliteStore({ embeddingDim: 8 });
  await store.tenants.ensure(TENANT);
  const deps = { store, bus, logger: createLogger({ service: 'kl-test', level: 'error' }), registry: new Registry(), instanceId: 'test' };
  const service = await composeKnowledgeLoop({
    ...deps,
    config: KnowledgeLoopConfig.parse({}),
    llm: { baseURL: fake.baseURL, apiKey: 'test', model: 'drafter', maxRetries: 0 },
  });
  lifecycle = composeProcess({ ...deps, name: 'kl-test', services: [service], httpPort: 0, healthPort: 0 }).lifecycle;
  await lifecycle.start();
});
afterAll(async () => {
  await lifecycle?.stop();
  await fake?.close();
});

const resolvedGap = async (subject: string, body: string, notes: string) => {
  const ticketId = await retrievedTicket(store, TENANT, { subject, body, confidence: 0.1 });
  await publishResolution(bus, TENANT, ticketId, notes);
};

const group = async (): Promise<KnowledgeGapGroup | undefined> => (await store.knowledgeLoop.groups(TENANT, 10))[0];

describe('drafts by the hosted model', () => {
  it('keeps the extractive draft when the model fails, and takes the model’s draft when it answers', async () => {
    await resolvedGap(
      'Invoice PDF export is blank',
      'Write to kim@customer.test: the exported PDF has no line items.',
      'Cleared the cached invoice template and regenerated the PDF; mailed it to kim@customer.test.',
    );
    await waitFor(async () => fake.requests.length === 2 && (await group()) !== undefined, 10_000);
    expect((await group())!.draft.source).toBe('extractive');

    await resolvedGap(
      'Blank invoice PDF',
      'My invoice PDF export is blank.',
      'Regenerated the invoice PDF after clearing the template cache.',
    );
    await waitFor(async () => (await group())?.draft.source === 'model', 10_000);
    expect((await group())!).toMatchObject({ ticketCount: 2, draft: { ...MODEL_DRAFT, source: 'model' } });

    const sent = fake.requests
      .at(-1)!
      .body.messages.map((m) => m.content)
      .join('\n');
    expect(sent).toContain('Resolution notes: Regenerated the invoice PDF');
    expect(sent).toContain('<ticket>');
    for (const request of fake.requests) expect(JSON.stringify(request.body)).not.toContain('kim@customer.test');
    expect(sent).toContain('[EMAIL]');
  });
});
