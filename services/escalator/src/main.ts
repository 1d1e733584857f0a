import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { createChatModel, LlmEnv, LlmSentimentAnalyzer } from '@triage/llm';
import { redact } from '@triage/redaction';
import { loadConfig, runStandalone } from '@triage/runtime';
import { guardedSentiment } from './guarded-sentiment.ts';
import { parseEscalationPolicy } from './policy.ts';
import { lexiconSentiment } from './sentiment.ts';
import { createEscalatorWorker } from './worker.ts';

const Env = z.object({
  /** JSON file overriding the default SLA targets, thresholds and queue names. */
  ESCALATION_POLICY_FILE: z.string().optional(),
});

await runStandalone('escalator', async ({ store, logger }) => {
  const env = loadConfig(Env);
  const llm = loadConfig(LlmEnv);
  const policy = parseEscalationPolicy(env.ESCALATION_POLICY_FILE ? JSON.parse(await readFile(env.ESCALATION_POLICY_FILE, 'utf8')) : {});
  const sentiment = llm
    ? guardedSentiment(new LlmSentimentAnalyzer({ model: createChatModel(llm), redact }), lexiconSentiment, logger)
    : lexiconSentiment;
  return { workers: [createEscalatorWorker({ store, policy, sentiment })] };
});
