import { loadConfig, runStandalone } from '@triage/runtime';
import { z } from 'zod';
import { parseEscalationPolicy } from './policy.ts';
import { lexiconSentiment } from './sentiment.ts';
import { createEscalatorWorker } from './worker.ts';
import { readFile } from 'node:fs/promises';

const Env = z.object({
  /** JSON file overriding the default SLA targets, thresholds and queue names. */
  ESCALATION_POLICY_FILE: z.string().optional(),
});

await runStandalone('escalator', async ({ store }) => {
  const env = loadConfig(Env);
  const policy = parseEscalationPolicy(env.ESCALATION_POLICY_FILE ? JSON.parse(await readFile(env.ESCALATION_POLICY_FILE, 'utf8')) : {});
  return { workers: [createEscalatorWorker({ store, policy, sentiment: lexiconSentiment })] };
});
