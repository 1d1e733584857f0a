import { readFile } from 'node:fs/promises';
import { type ChatModelOptions, createChatModel, LlmSentimentAnalyzer } from '@triage/llm';
import { redact } from '@triage/redaction';
import type { ServiceDeps, ServiceParts } from '@triage/runtime';
import { lexiconSentiment } from '@triage/signals';
import type { EscalatorConfig } from './config.ts';
import { guardedSentiment } from './guarded-sentiment.ts';
import { createModelRegistry } from './model/registry.ts';
import { createTrainerWorker } from './model/trainer.ts';
import { modelUpdatesWorker } from './model/updates.ts';
import { parseEscalationPolicy } from './policy.ts';
import { createEscalatorWorker } from './worker.ts';

export interface EscalatorServiceDeps extends ServiceDeps {
  config: EscalatorConfig;
  /** The hosted chat model, when one is configured: it reads the customer's mood, the lexicon guarding it. */
  llm: ChatModelOptions | undefined;
}

/**
 * The escalator: retrieved tickets in, priority, tier, queue, SLA and their reasons out; each
 * tenant's escalation model reloaded when it is retrained, and retrained as outcomes arrive.
 */
export const composeEscalator = async ({ store, logger, config, llm, instanceId }: EscalatorServiceDeps): Promise<ServiceParts> => {
  const policy = parseEscalationPolicy(
    config.ESCALATION_POLICY_FILE ? JSON.parse(await readFile(config.ESCALATION_POLICY_FILE, 'utf8')) : {},
  );
  const sentiment = llm
    ? guardedSentiment(new LlmSentimentAnalyzer({ model: createChatModel(llm), redact }), lexiconSentiment, logger)
    : lexiconSentiment;
  const models = createModelRegistry(store, policy);
  return {
    name: 'escalator',
    workers: [
      createEscalatorWorker({ store, policy, sentiment, models }),
      modelUpdatesWorker(models, instanceId),
      createTrainerWorker({ store, policy, logger }),
    ],
  };
};
