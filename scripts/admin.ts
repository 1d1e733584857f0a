// `npm run admin -- <command>`: tenants, API and widget keys, customers, webhooks. See `npm run admin -- --help`.
import { type AdminOperations, adminOperations } from '@triage/admin';
import { loadConfig } from '@triage/runtime';
import type { Store } from '@triage/store';
import { WebhookEgressConfig } from '@triage/webhook-policy';
import { COMMAND_RUNNERS } from './admin/commands.ts';
import { httpAdminClient } from './admin/http-client.ts';
import { type Command, COMMANDS, commandUsage, USAGE } from './admin/usage.ts';
import { helpRequested, parseCli } from './cli/args.ts';
import { UsageError } from './cli/failures.ts';
import { runCli } from './cli/run.ts';
import { dataDirOf, openStore } from './cli/store.ts';

const EMBEDDED_IN_USE =
  'use its admin API instead: npm run admin -- --url http://localhost:8080 --token $OPERATOR_TOKEN <command> (OPERATOR_TOKEN set for `npm start`)';

const commandOf = (positionals: string[]): { command: Command; args: string[] } | undefined => {
  const [first = '', second = ''] = positionals;
  if (first === 'list') return { command: 'list', args: positionals.slice(1) };
  const command = `${first} ${second}`;
  return command in COMMANDS ? { command: command as Command, args: positionals.slice(2) } : undefined;
};

await runCli(async () => {
  const args = process.argv.slice(2);
  const found = commandOf(args.filter((a) => !a.startsWith('-')));
  helpRequested(found ? commandUsage(found.command) : USAGE, args);
  const { values, positionals } = parseCli({
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      token: { type: 'string' },
      'data-dir': { type: 'string' },
      tenant: { type: 'string' },
      name: { type: 'string' },
      origin: { type: 'string', multiple: true },
      secret: { type: 'string' },
      events: { type: 'string' },
      limit: { type: 'string' },
    },
  });
  const invoked = commandOf(positionals);
  if (!invoked) throw new UsageError(positionals.length ? `unknown command "${positionals.join(' ')}"` : 'give a command');

  let store: Store | undefined;
  let ops: AdminOperations;
  if (values.url) {
    if (values['data-dir']) throw new UsageError('give --url or --data-dir, not both');
    const token = values.token ?? process.env.OPERATOR_TOKEN;
    if (!token) throw new UsageError('--url needs the operator token: --token <token> or OPERATOR_TOKEN');
    ops = httpAdminClient(values.url, token);
  } else {
    store = await openStore(dataDirOf(values['data-dir']), EMBEDDED_IN_USE);
    ops = adminOperations(store, { allowPrivateWebhooks: loadConfig(WebhookEgressConfig).WEBHOOKS_ALLOW_PRIVATE });
  }
  try {
    const result = await COMMAND_RUNNERS[invoked.command](ops, { ...values, args: invoked.args });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    if (result && typeof result === 'object' && ('key' in result || 'secret' in result))
      process.stderr.write(`the ${'secret' in result ? 'signing secret' : 'key'} is shown this once: keep it now\n`);
  } finally {
    await store?.close();
  }
});
