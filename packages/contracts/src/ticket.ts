import { z } from 'zod';
import { storableText } from './storable-text.ts';

export const MAX_SUBJECT_CHARS = 300;
export const MAX_BODY_CHARS = 20_000;

export const Channel = z.enum(['email', 'chat', 'web', 'api', 'phone']);
export const CustomerTier = z.enum(['free', 'pro', 'enterprise']);

export const Customer = z.strictObject({
  id: storableText().min(1).max(200),
  tier: CustomerTier,
  vip: z.boolean().default(false),
  email: z.email().optional(),
  name: storableText().max(200).optional(),
});

export const AttachmentMeta = z.strictObject({
  name: storableText().min(1).max(255),
  contentType: storableText().min(1).max(255),
  sizeBytes: z.number().int().nonnegative(),
});

export const ArticleRef = z.strictObject({
  articleId: z.string(),
  title: z.string(),
  score: z.number(),
});

/** What an unresolved self-service attempt hands to the agent, so the customer is never asked again. */
export const DeflectionContext = z.strictObject({
  deflectionId: z.string(),
  question: z.string(),
  articlesShown: z.array(ArticleRef).max(3),
  comment: z.string().max(2_000).optional(),
});

/** The body of `POST /v1/tickets`. */
export const TicketSubmission = z.strictObject({
  subject: storableText().trim().min(1).max(MAX_SUBJECT_CHARS),
  body: storableText().trim().min(1).max(MAX_BODY_CHARS).describe("The customer's words"),
  channel: Channel.describe('Where the customer wrote'),
  customer: Customer.describe("Who wrote: the tenant's id for them, their tier and VIP flag"),
  affectedUsers: z.number().int().positive().max(10_000_000).optional().describe('How many users it hits, when known'),
  productArea: storableText().min(1).max(100).optional().describe('The product or area it concerns, when known'),
  attachments: z.array(AttachmentMeta).max(20).default([]).describe('What was attached: names, types and sizes only'),
});

export const Ticket = TicketSubmission.extend({
  id: z.string().min(1).describe("Triage's id of the ticket (a UUID)"),
  tenantId: z.string().min(1),
  receivedAt: z.iso.datetime().describe('When intake accepted it'),
  deflection: DeflectionContext.optional().describe('The self-service attempt that opened it, when the widget did'),
});

export type Channel = z.infer<typeof Channel>;
export type CustomerTier = z.infer<typeof CustomerTier>;
export type Customer = z.infer<typeof Customer>;
export type ArticleRef = z.infer<typeof ArticleRef>;
export type DeflectionContext = z.infer<typeof DeflectionContext>;
export type TicketSubmission = z.input<typeof TicketSubmission>;
export type Ticket = z.infer<typeof Ticket>;

/** The text every model reads for a ticket: subject and body, embedded and searched as one. */
export const ticketText = (ticket: Pick<Ticket, 'subject' | 'body'>): string => `${ticket.subject}\n${ticket.body}`;
