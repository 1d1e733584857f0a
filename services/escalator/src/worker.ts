import { embeddingValues, encodeEmbedding, type Escalation, NEEDS_TRIAGE, type TextAnalysis, ticketText, Topics } from '@triage/contracts';
import type { EscalationInput } from '@triage/ml';
import { createStageWorker, followUp, type Worker } from '@triage/runtime';
import { analyzeText, customerText, type SentimentAnalyzer } from '@triage/signals';
import type { Store } from '@triage/store';
import { assessTicket, earlierTicketsCounted } from './assess.ts';
import { embedderOf } from './model/embedder.ts';
import { structuredFeatures } from './model/features.ts';
import { readWithModel } from './model/reading.ts';
import type { ModelRegistry } from './model/registry.ts';
import type { EscalationPolicy } from './policy.ts';

export interface EscalatorDeps {
  store: Store;
  policy: EscalationPolicy;
  sentiment: SentimentAnalyzer;
  models: ModelRegistry;
  now?: () => Date;
}

/** What the model read, kept with the decision: the example this ticket becomes once its outcome is known. */
interface RecordedFeatures {
  embedding?: { embedder: string; values: string } | undefined;
  structured: Record<string, number>;
}

/**
 * The recorded decision: the escalation, the text analysis it rests on (so a re-emitted decision
 * carries the same analysis) and the model's features. Decisions recorded before have neither.
 */
type Assessment = Escalation & { textAnalysis?: TextAnalysis; features?: RecordedFeatures };

const DAY_MS = 86_400_000;

/** tickets.retrieved → tickets.assessed: priority, tier, queue, SLA and the reasons for them. */
export const createEscalatorWorker = (deps: EscalatorDeps): Worker<typeof Topics.ticketsRetrieved> =>
  createStageWorker<typeof Topics.ticketsRetrieved, Assessment>('escalator', Topics.ticketsRetrieved, {
    stage: 'assess',
    store: deps.store,
    readers: 'next-stage',
    decide: async (events) => {
      const now = deps.now?.() ?? new Date();
      const since = new Date(now.getTime() - deps.policy.repeatContact.days * DAY_MS).toISOString();
      // One query per tenant in the batch for the customers' recent tickets.
      const recent = new Map(
        await Promise.all(
          [...Map.groupBy(events, (e) => e.tenantId)].map(
            async ([tenantId, batch]) =>
              [
                tenantId,
                await deps.store.escalation.recentTickets(
                  tenantId,
                  batch.map((e) => e.payload.ticket.customer.id),
                  since,
                  // The ticket itself is among them.
                  earlierTicketsCounted(deps.policy) + 1,
                ),
              ] as const,
          ),
        ),
      );
      return Promise.all(
        events.map(async ({ tenantId, payload }): Promise<Assessment> => {
          const { ticket, categorization } = payload;
          const text = customerText(ticket);
          const textAnalysis = analyzeText(text);
          const sentiment = await deps.sentiment.analyze(text);
          // The ticket itself is stored before it reaches the escalator: the rest are earlier contacts.
          const recentTickets = Math.max(0, (recent.get(tenantId)?.get(ticket.customer.id) ?? 1) - 1);
          const abstained = categorization.abstained || categorization.category === NEEDS_TRIAGE;
          const structured = structuredFeatures({
            channel: ticket.channel,
            customerTier: ticket.customer.tier,
            vip: ticket.customer.vip,
            affectedUsers: ticket.affectedUsers ?? 1,
            category: abstained ? undefined : categorization.category,
            recentTickets,
            sentiment: sentiment.score,
            textAnalysis,
          });
          const embedder = embedderOf(categorization);
          const embedding = payload.embedding !== undefined ? embeddingValues(payload.embedding) : undefined;
          const tenant = await deps.models.forTenant(tenantId);
          const modelEmbedder = tenant.model?.escalation.embedder;
          const input: EscalationInput = {
            text: ticketText(ticket),
            structured,
            // Another embedder's vector would mean nothing to the model: without it, it declines.
            embedding: modelEmbedder === undefined || modelEmbedder === embedder ? embedding : undefined,
          };
          const model = readWithModel(tenant, input, deps.policy);
          const escalation = assessTicket(payload, { policy: deps.policy, now, sentiment, textAnalysis, recentTickets, model });
          const features: RecordedFeatures = {
            embedding: embedding && embedder ? { embedder, values: encodeEmbedding(embedding) } : undefined,
            structured: { ...structured },
          };
          return { ...escalation, textAnalysis, features };
        }),
      );
    },
    emit: (event, { textAnalysis, features: _features, ...escalation }) => {
      const { ticket, categorization, retrieval } = event.payload;
      return [followUp(Topics.ticketsAssessed, event, 'assess', { ticket, categorization, retrieval, escalation, textAnalysis })];
    },
  });
