import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createChatModel, LlmOutputError } from '../src/chat-model.ts';
import { startFakeOpenAI, type FakeOpenAI } from './fake-openai.ts';

const Answer = z.strictObject({ label: z.enum(['yes', 'no']), confidence: z.number().min(0).max(1) });

let server: FakeOpenAI | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const modelFor = (s: FakeOpenAI, timeoutMs = 5_000) =>
  createChatModel({ baseURL: s.baseURL, apiKey: 'sk-test', model: 'tiny-1', timeoutMs, maxRetries: 0 });

describe('structuredCompletion', () => {
  it('asks for the schema as a strict json_schema response format and returns the validated value', async () => {
    server = await startFakeOpenAI(['{"label":"yes","confidence":0.9}']);
    await expect(modelFor(server).structuredCompletion(Answer, 'be brief', 'is it?')).resolves.toEqual({ label: 'yes', confidence: 0.9 });

    const [request] = server.requests;
    expect(request?.headers.authorization).toBe('Bearer sk-test');
    expect(request?.body.model).toBe('tiny-1');
    expect(request?.body.messages).toEqual([
      { role: 'system', content: 'be brief' },
      { role: 'user', content: 'is it?' },
    ]);
    expect(request?.body.response_format).toEqual({
      type: 'json_schema',
      json_schema: {
        name: 'response',
        strict: true,
        schema: {
          type: 'object',
          properties: { label: { type: 'string', enum: ['yes', 'no'] }, confidence: { type: 'number', minimum: 0, maximum: 1 } },
          required: ['label', 'confidence'],
          additionalProperties: false,
        },
      },
    });
  });

  it('accepts JSON wrapped in a Markdown fence', async () => {
    server = await startFakeOpenAI(['```json\n{"label":"no","confidence":0.2}\n```']);
    await expect(modelFor(server).structuredCompletion(Answer, 's', 'u')).resolves.toEqual({ label: 'no', confidence: 0.2 });
  });

  it('retries once on invalid JSON, telling the model what was wrong', async () => {
    server = await startFakeOpenAI(['Sure! The answer is yes.', '{"label":"yes","confidence":1}']);
    await expect(modelFor(server).structuredCompletion(Answer, 's', 'u')).resolves.toEqual({ label: 'yes', confidence: 1 });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.body.messages.slice(2)).toEqual([
      { role: 'assistant', content: 'Sure! The answer is yes.' },
      { role: 'user', content: 'That reply was invalid (not valid JSON). Answer again with only a JSON object that matches the schema.' },
    ]);
  });

  it('rejects output that fails the schema twice, naming the problem', async () => {
    server = await startFakeOpenAI(['{"label":"maybe","confidence":0.5}', '{"label":"yes","confidence":7}']);
    const error = await modelFor(server)
      .structuredCompletion(Answer, 's', 'u')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmOutputError);
    expect((error as LlmOutputError).message).toMatch(/model tiny-1 returned invalid output twice: confidence: /);
    expect((error as LlmOutputError).reply).toBe('{"label":"yes","confidence":7}');
    expect(server.requests).toHaveLength(2);
  });

  it('gives up after the configured timeout', async () => {
    server = await startFakeOpenAI(['{"label":"yes","confidence":1}'], { delayMs: 2_000 });
    const started = Date.now();
    await expect(modelFor(server, 200).structuredCompletion(Answer, 's', 'u')).rejects.toThrow(/timed out/i);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('refuses invalid options at construction', () => {
    expect(() => createChatModel({ baseURL: 'not a url', apiKey: 'k', model: 'm' })).toThrow(/invalid chat model options: baseURL/);
    expect(() => createChatModel({ baseURL: 'http://localhost:1/v1', apiKey: '', model: 'm' })).toThrow(/apiKey/);
  });
});
