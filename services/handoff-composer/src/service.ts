import { type ChatModelOptions, createChatModel, LlmSummarizer } from '@triage/llm';
import { redact } from '@triage/redaction';
import type { ServiceDeps, ServiceParts } from '@triage/runtime';
import type { HandoffConfig } from './config.ts';
import { createHandoffWorker, type Summarizer } from './worker.ts';

export interface HandoffServiceDeps extends ServiceDeps {
  /** The hosted chat model, when one is configured: it writes the packet's summary. */
  llm: ChatModelOptions | undefined;
  config: HandoffConfig;
}

/** The handoff composer: assessed tickets in, routed tickets with their handoff packet out. */
export const composeHandoff = async ({ store, logger, llm, config }: HandoffServiceDeps): Promise<ServiceParts> => {
  const hosted = llm ? new LlmSummarizer({ model: createChatModel(llm), redact }) : undefined;
  // A failing hosted model must not hold tickets back: the packet falls back to the local summary.
  const summarizer: Summarizer | undefined = hosted && {
    summarize: (payload) =>
      hosted.summarize(payload).catch((err: unknown) => {
        logger.warn('hosted summary failed; using the local one', { err });
        return '';
      }),
  };
  const related = config.RELATED_TICKETS
    ? { minSimilarity: config.RELATED_MIN_SIMILARITY, resolvedDays: config.RELATED_RESOLVED_DAYS }
    : undefined;
  const incidents = config.INCIDENT_GROUPING
    ? { windowMinutes: config.INCIDENT_WINDOW_MINUTES, minSimilarity: config.INCIDENT_MIN_SIMILARITY }
    : undefined;
  return { name: 'handoff-composer', workers: [createHandoffWorker({ store, summarizer, related, incidents })] };
};
