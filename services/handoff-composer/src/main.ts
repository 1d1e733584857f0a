import { createChatModel, LlmEnv, LlmSummarizer } from '@triage/llm';
import { redact } from '@triage/redaction';
import { loadConfig, runStandalone } from '@triage/runtime';
import { createHandoffWorker } from './worker.ts';

await runStandalone('handoff-composer', async ({ store, logger }) => {
  const llm = loadConfig(LlmEnv);
  const hosted = llm ? new LlmSummarizer({ model: createChatModel(llm), redact }) : undefined;
  // A failing hosted model must not hold tickets back: the packet falls back to the local summary.
  const summarizer = hosted && {
    summarize: (payload: Parameters<LlmSummarizer['summarize']>[0]) =>
      hosted.summarize(payload).catch((err: unknown) => {
        logger.warn('hosted summary failed; using the local one', { err });
        return '';
      }),
  };
  return { workers: [createHandoffWorker({ store, summarizer })] };
});
