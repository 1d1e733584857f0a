// `npm run escalation:import -- --tenant <id> --file <history.csv> [--data-dir <folder>]`: imports a
// tenant's ticket history with its outcomes, then fits the tenant's escalation model from all its
// labeled outcomes and tells running escalators to load it.
import { readFile } from 'node:fs/promises';
import { createEmbeddings, EmbeddingsEnv } from '@triage/embeddings';
import { EscalatorConfig, parseEscalationPolicy, trainTenantEscalation } from '@triage/escalator';
import { loadConfig } from '@triage/runtime';
import { helpRequested, parseCli } from './cli/args.ts';
import { UsageError } from './cli/failures.ts';
import { runCli } from './cli/run.ts';
import { dataDirOf, dataDirUsage, openStore } from './cli/store.ts';
import { parseHistoryCsv } from './escalation/history-csv.ts';
import { importHistory } from './escalation/import-history.ts';

const USAGE = `usage: npm run escalation:import -- --tenant <id> --file <history.csv> [--data-dir <folder>]

Adds the tenant's past tickets and their outcomes to its escalation history, fits its escalation
model from all its labeled outcomes (once it has enough: the policy's model.minLabeledOutcomes,
default 200) and tells running escalators to load it. Columns (header row, any order, extra ones
ignored): text; priority (P1-P4, high|medium|low or blocker|critical|major|minor|trivial), or
category holding high|medium|low when there is no priority column; optional channel,
customer_tier, vip, affected_users, resolved_tier (0-3), sla_breached, category.
${dataDirUsage('the model')}`;

await runCli(async () => {
  helpRequested(USAGE);
  const { values } = parseCli({ options: { tenant: { type: 'string' }, file: { type: 'string' }, 'data-dir': { type: 'string' } } });
  if (!values.tenant) throw new UsageError('--tenant <id> is required');
  if (!values.file) throw new UsageError('--file <history.csv> is required');
  const tenantId = values.tenant;
  const config = loadConfig(EscalatorConfig);
  const policy = parseEscalationPolicy(
    config.ESCALATION_POLICY_FILE ? JSON.parse(await readFile(config.ESCALATION_POLICY_FILE, 'utf8')) : {},
  );
  const records = parseHistoryCsv(await readFile(values.file, 'utf8'), values.file);

  const embeddings = await createEmbeddings(loadConfig(EmbeddingsEnv), { warn: (m) => console.error(m) });
  const store = await openStore(dataDirOf(values['data-dir']), 'stop it first (Ctrl-C), then import; it loads the model when it starts');
  try {
    await store.tenants.ensure(tenantId);
    const started = performance.now();
    const imported = await importHistory(records, {
      store,
      embeddings,
      tenantId,
      source: values.file,
      onProgress: (done) => process.stderr.write(`\r${done}/${records.length} rows`),
    });
    console.error(
      `\nimported ${imported} rows for tenant ${tenantId} in ${((performance.now() - started) / 1000).toFixed(1)} s with ${embeddings.name}`,
    );
    const result = await trainTenantEscalation(store, tenantId, policy);
    console.log(
      result.trained
        ? `trained escalation model ${result.version} for tenant ${tenantId} on ${result.metrics.labeled} labeled outcomes (${result.metrics.high} high) in ${result.metrics.trainSeconds.toFixed(1)} s`
        : `no escalation model yet for tenant ${tenantId}: ${result.why}; the rules decide alone`,
    );
  } finally {
    await store.close();
  }
});
