import { keyRateLimit } from '@triage/http';
import { type ChatModelOptions, createChatModel } from '@triage/llm';
import { redact } from '@triage/redaction';
import type { ServiceDeps, ServiceParts } from '@triage/runtime';
import { createKnowledgeLoopApp } from './app.ts';
import type { KnowledgeLoopConfig } from './config.ts';
import { modelDraftWriter } from './model-draft.ts';
import { gapWorker } from './worker.ts';

export interface KnowledgeLoopServiceDeps extends ServiceDeps {
  config: KnowledgeLoopConfig;
  /** The hosted chat model, when one is configured: it writes the gap groups' draft articles. */
  llm: ChatModelOptions | undefined;
}

/**
 * The knowledge loop: agents' resolutions the knowledge base could not answer become gaps grouped by
 * topic with a draft article each (`GET /v1/kb/gaps`), and articles that do not help are flagged
 * stale (`GET /v1/kb/articles`).
 */
export const composeKnowledgeLoop = async ({ config, llm, ...deps }: KnowledgeLoopServiceDeps): Promise<ServiceParts> => ({
  name: 'knowledge-loop',
  workers: [
    gapWorker({
      store: deps.store,
      logger: deps.logger,
      maxConfidence: config.KB_GAP_MAX_CONFIDENCE,
      candidateLimit: config.KB_GAP_CANDIDATES,
      placement: { minSimilarity: config.KB_GAP_MIN_SIMILARITY, minTextSimilarity: config.KB_GAP_MIN_TEXT_SIMILARITY, redact },
      writer: llm && modelDraftWriter(createChatModel(llm), redact),
    }),
  ],
  http: createKnowledgeLoopApp({
    store: deps.store,
    logger: deps.logger,
    keyCacheMs: config.KEY_CACHE_MS,
    rateLimit: keyRateLimit(config),
    authFailures: config,
    trustedProxies: config.TRUSTED_PROXIES,
    stale: { minUnhelpful: config.KB_STALE_MIN_UNHELPFUL, maxHelpfulShare: config.KB_STALE_MAX_HELPFUL_SHARE },
  }),
});
