import { readFile } from 'node:fs/promises';
import { type AdminOperations, parseCustomersCsv } from '@triage/admin';
import { UsageError } from '../cli/failures.ts';
import { type Invocation, none, one, tenantOf } from './invocation.ts';
import type { Command } from './usage.ts';
import { webhookCommands } from './webhook-commands.ts';

/** A CRM export: CSV with a header naming id, tier (and vip), or a JSON array of {id, tier, vip}. */
const readCustomers = async (file: string): Promise<unknown> => {
  const text = await readFile(file, 'utf8');
  return file.endsWith('.json') ? JSON.parse(text) : parseCustomersCsv(text, file);
};

/** Each command, as a call to the operations (on the database or over the admin API, the same either way). */
export const COMMAND_RUNNERS: Record<Command, (ops: AdminOperations, inv: Invocation) => Promise<unknown>> = {
  'tenant create': (ops, inv) => ops.createTenant({ id: one(inv.args, 'tenant id'), name: inv.name }),
  'tenant identity-secret': (ops, inv) => {
    none(inv.args);
    return ops.setIdentitySecret(tenantOf(inv), inv.secret);
  },
  list: async (ops, inv) => {
    none(inv.args);
    return ops.listTenants();
  },
  'key create': (ops, inv) => {
    none(inv.args);
    return ops.createApiKey(tenantOf(inv));
  },
  'key list': (ops, inv) => {
    none(inv.args);
    return ops.listKeys(tenantOf(inv));
  },
  'key revoke': (ops, inv) => ops.revokeKey(one(inv.args, 'key id')),
  'widget-key create': (ops, inv) => {
    none(inv.args);
    if (!inv.origin?.length) throw new UsageError('give the sites that may embed the widget with --origin https://site (repeatable)');
    return ops.createWidgetKey(tenantOf(inv), inv.origin);
  },
  'customer import': async (ops, inv) => ops.importCustomers(tenantOf(inv), await readCustomers(one(inv.args, 'file'))),
  ...webhookCommands,
};
