import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { z } from 'zod';

export const ChatModelOptions = z.strictObject({
  /** An OpenAI-compatible endpoint, e.g. `https://api.openai.com/v1` or a local vLLM/Ollama. */
  baseURL: z.url(),
  apiKey: z.string().min(1),
  model: z.string().min(1),
  timeoutMs: z.number().int().positive().default(15_000),
  /** Transport retries (429, 5xx, timeouts) done by the SDK; invalid output is retried separately, once. */
  maxRetries: z.number().int().min(0).max(5).default(1),
});

export type ChatModelOptions = z.input<typeof ChatModelOptions>;

/** A hosted model that answers with JSON matching a zod schema, or fails clearly. */
export interface ChatModel {
  structuredCompletion<S extends z.ZodType>(schema: S, system: string, user: string): Promise<z.infer<S>>;
}

/** The model answered, but not with what the schema asks for, even after one retry. */
export class LlmOutputError extends Error {
  readonly reply: string;
  constructor(message: string, reply: string) {
    super(message);
    this.name = 'LlmOutputError';
    this.reply = reply;
  }
}

type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

// Some OpenAI-compatible servers wrap JSON in a Markdown fence even when asked for a JSON schema.
const unfence = (text: string): string => text.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/, '$1');

const parseReply = <S extends z.ZodType>(schema: S, reply: string): Parsed<z.infer<S>> => {
  let json: unknown;
  try {
    json = JSON.parse(unfence(reply));
  } catch {
    return { ok: false, problem: 'not valid JSON' };
  }
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problem: result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') };
};

const responseFormat = (schema: z.ZodType) => {
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema) as Record<string, unknown>;
  return { type: 'json_schema' as const, json_schema: { name: 'response', schema: jsonSchema, strict: true } };
};

export const createChatModel = (options: ChatModelOptions): ChatModel => {
  const parsed = ChatModelOptions.safeParse(options);
  if (!parsed.success)
    throw new Error(`invalid chat model options: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const { baseURL, apiKey, model, timeoutMs, maxRetries } = parsed.data;
  const client = new OpenAI({ baseURL, apiKey, timeout: timeoutMs, maxRetries });

  return {
    async structuredCompletion(schema, system, user) {
      const response_format = responseFormat(schema);
      const messages: ChatCompletionMessageParam[] = [
        { role: 'system', content: system },
        { role: 'user', content: user },
      ];
      let reply = '';
      let problem = '';
      for (let attempt = 1; attempt <= 2; attempt++) {
        const completion = await client.chat.completions.create({ model, messages, response_format, temperature: 0 });
        const message = completion.choices[0]?.message;
        reply = message?.content ?? '';
        const result: Parsed<z.infer<typeof schema>> = message?.refusal
          ? { ok: false, problem: `refused: ${message.refusal}` }
          : parseReply(schema, reply);
        if (result.ok) return result.value;
        problem = result.problem;
        // The retry tells the model what was wrong; a second failure is reported, not retried again.
        messages.push(
          { role: 'assistant', content: reply },
          { role: 'user', content: `That reply was invalid (${problem}). Answer again with only a JSON object that matches the schema.` },
        );
      }
      throw new LlmOutputError(`model ${model} returned invalid output twice: ${problem}`, reply);
    },
  };
};
