import type { Sentiment } from '@triage/contracts';
import { z } from 'zod';
import type { ChatModel } from './chat-model.ts';
import { UNTRUSTED_TICKET_RULES, ticketBlock } from './untrusted.ts';

export interface LlmSentimentOptions {
  model: ChatModel;
  /** Removes personal data before any text leaves the process. */
  redact: (text: string) => string;
}

const SentimentReply = z.strictObject({
  score: z.number().min(-1).max(1).describe('-1 furious, 0 neutral or purely technical, 1 delighted'),
  frustrated: z.boolean().describe('angry, fed up, threatening to leave, or complaining about having to ask again'),
});

const SYSTEM = `You rate the mood of a customer support ticket. Describing a fault is not a negative mood by itself. ${UNTRUSTED_TICKET_RULES}`;

/** Mood read by a hosted model; same shape as @triage/signals' SentimentAnalyzer. */
export class LlmSentimentAnalyzer {
  readonly #model: ChatModel;
  readonly #redact: (text: string) => string;

  constructor(options: LlmSentimentOptions) {
    this.#model = options.model;
    this.#redact = options.redact;
  }

  async analyze(text: string): Promise<Sentiment> {
    const reply = await this.#model.structuredCompletion(SentimentReply, SYSTEM, ticketBlock(this.#redact(text)));
    return { score: reply.score, frustrated: reply.frustrated, source: 'llm' };
  }
}
