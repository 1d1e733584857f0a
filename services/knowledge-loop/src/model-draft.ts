import { type ChatModel, ticketBlock, UNTRUSTED_TICKET_RULES } from '@triage/llm';
import type { DraftArticle, KnowledgeGap } from '@triage/store';
import { z } from 'zod';

/** The most recent gaps of a group the hosted model reads: enough to see the pattern, few enough to stay cheap. */
const MODEL_GAPS = 10;

const DraftReply = z.strictObject({
  title: z.string().min(1).max(200).describe('the question a customer would search for'),
  body: z.string().min(1).max(6_000).describe('the article: the problem in a sentence or two, then numbered steps'),
});

const SYSTEM =
  'You draft a knowledge-base article from support tickets that agents resolved and that no article answered. ' +
  'Each ticket block holds what the customer wrote and, after "Resolution notes:", what the agent did. ' +
  'Write for customers: a title phrased as the question they would search for, then a body with the problem in a sentence or two and ' +
  'the steps that solved it, numbered, using only what the resolution notes say. Leave out anything about one customer. ' +
  UNTRUSTED_TICKET_RULES;

export type DraftWriter = (gaps: readonly KnowledgeGap[]) => Promise<DraftArticle>;

/** A hosted model's draft; every ticket's words and notes are redacted before they leave the process. */
export const modelDraftWriter =
  (model: ChatModel, redact: (text: string) => string): DraftWriter =>
  async (gaps) => {
    const blocks = gaps.slice(0, MODEL_GAPS).map((g) => ticketBlock(redact(`${g.text}\n\nResolution notes: ${g.notes}`)));
    const reply = await model.structuredCompletion(DraftReply, SYSTEM, blocks.join('\n'));
    return { title: reply.title, body: reply.body, source: 'model' };
  };
