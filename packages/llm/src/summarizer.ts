import type { TicketAssessed } from '@triage/contracts';
import { z } from 'zod';
import type { ChatModel } from './chat-model.ts';
import { UNTRUSTED_TICKET_RULES, ticketBlock } from './untrusted.ts';

export interface LlmSummarizerOptions {
  model: ChatModel;
  /** Removes personal data before any text leaves the process. */
  redact: (text: string) => string;
}

const SummaryReply = z.strictObject({
  summary: z.string().min(1).max(1_200).describe('one paragraph, at most four sentences'),
});

const SYSTEM =
  'You write the summary a support agent reads before taking a ticket: one paragraph, at most four sentences, ' +
  'saying what is wrong, since when, who and how many are affected, and what the customer already tried. ' +
  'Lines outside the ticket block are facts from our own system. ' +
  UNTRUSTED_TICKET_RULES;

/** A hosted model's summary of a ticket for the handoff packet. */
export class LlmSummarizer {
  readonly #model: ChatModel;
  readonly #redact: (text: string) => string;

  constructor(options: LlmSummarizerOptions) {
    this.#model = options.model;
    this.#redact = options.redact;
  }

  async summarize({ ticket, categorization, escalation }: TicketAssessed): Promise<string> {
    // Identity (name, email, customer id) is not needed for a summary, so it is never sent.
    const facts = [
      `Customer tier: ${ticket.customer.tier}${ticket.customer.vip ? ' (VIP)' : ''}`,
      `Channel: ${ticket.channel}`,
      ...(ticket.affectedUsers ? [`Affected users: ${ticket.affectedUsers}`] : []),
      `Category: ${categorization.category} (${categorization.kind})`,
      `Priority: ${escalation.priority}`,
    ];
    const written = [
      `Subject: ${ticket.subject}`,
      ...(ticket.productArea ? [`Product area: ${ticket.productArea}`] : []),
      ticket.body,
      ...(ticket.deflection ? [`Searched self-service for: ${ticket.deflection.question}`] : []),
      ...(ticket.deflection?.comment ? [`Comment after self-service: ${ticket.deflection.comment}`] : []),
    ].join('\n');
    const user = `${facts.join('\n')}\n${ticketBlock(this.#redact(written))}`;
    const reply = await this.#model.structuredCompletion(SummaryReply, SYSTEM, user);
    return reply.summary;
  }
}
