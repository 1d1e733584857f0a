import { z } from 'zod';
import type { ChatModelOptions } from './chat-model.ts';

/**
 * The optional hosted chat model, from the environment: unset means the local deterministic
 * models do the job. Any OpenAI-compatible endpoint works (OpenAI, vLLM, Ollama, LM Studio).
 */
export const LlmEnv = z
  .object({
    OPENAI_BASE_URL: z.url().optional().describe('OpenAI-compatible endpoint of the hosted chat model.'),
    OPENAI_API_KEY: z.string().min(1).optional().describe("That endpoint's API key; unset for a local server that needs none."),
    OPENAI_CHAT_MODEL: z
      .string()
      .min(1)
      .optional()
      .describe(
        "Chat model that reads the customer's sentiment and writes the handoff summary; with `OPENAI_BASE_URL`, it turns the hosted model on.",
      ),
    LLM_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .positive()
      .default(15_000)
      .describe('How long one request to the hosted model may take; when a call fails, the local model answers instead.'),
  })
  .refine((e) => !e.OPENAI_CHAT_MODEL || e.OPENAI_BASE_URL, {
    message: 'OPENAI_CHAT_MODEL needs OPENAI_BASE_URL',
    path: ['OPENAI_BASE_URL'],
  })
  .transform((e): ChatModelOptions | undefined =>
    e.OPENAI_CHAT_MODEL && e.OPENAI_BASE_URL
      ? { baseURL: e.OPENAI_BASE_URL, apiKey: e.OPENAI_API_KEY ?? 'not-needed', model: e.OPENAI_CHAT_MODEL, timeoutMs: e.LLM_TIMEOUT_MS }
      : undefined,
  );
